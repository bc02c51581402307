package org.eprescription.query.alerts;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.eprescription.core.consent.ConsentGiven;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.event.PrescriptionAccepted;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class PatientSequencingPolicyTest {

    private final PatientSequencingPolicy policy = new PatientSequencingPolicy();
    private final PatientId patient = PatientId.of("PAT-0001");

    @Test
    void twoPrescriptionsOfOnePatientShareOneSequence() {
        var first = prescriptionEvent(PrescriptionId.random(), MetaData.with("patientId", patient.value()));
        var second = prescriptionEvent(PrescriptionId.random(), MetaData.with("patientId", patient.value()));

        assertThat(policy.getSequenceIdentifierFor(first)).isEqualTo("PAT-0001")
                .isEqualTo(policy.getSequenceIdentifierFor(second));
    }

    @Test
    void aConsentEventIsSequencedWithThePatientsPrescriptions() {
        var consent = new GenericDomainEventMessage<>("PatientConsent", "consent:PAT-0001", 0,
                new ConsentGiven(patient, Instant.EPOCH));

        assertThat(policy.getSequenceIdentifierFor(consent)).isEqualTo("PAT-0001");
    }

    @Test
    void anEventWithoutThePatientFallsBackToItsAggregate() {
        PrescriptionId id = PrescriptionId.random();

        assertThat(policy.getSequenceIdentifierFor(prescriptionEvent(id, MetaData.emptyInstance())))
                .isEqualTo(id.toString());
        assertThat(policy.getSequenceIdentifierFor(GenericEventMessage.asEventMessage("anything"))).isNull();
    }

    private static GenericDomainEventMessage<PrescriptionAccepted> prescriptionEvent(PrescriptionId id, MetaData metaData) {
        return new GenericDomainEventMessage<>("Prescription", id.toString(), 0,
                new PrescriptionAccepted(id, PharmacyId.of("PHARM-A"), PharmacistId.of("RPH-1"), 1, Instant.EPOCH),
                metaData);
    }
}
