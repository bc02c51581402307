package org.eprescription.query.alerts;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.messaging.MetaData;
import org.eprescription.core.consent.ConsentEvent;
import org.eprescription.core.consent.PatientConsent;
import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.AlertAcknowledgement;
import org.eprescription.core.prescription.PatientDetails;
import org.eprescription.core.prescription.PrescribedLine;
import org.eprescription.core.prescription.Prescription;
import org.eprescription.core.prescription.PrescriberDetails;
import org.eprescription.core.prescription.event.PrescriptionEvent;
import org.eprescription.core.record.event.DispensingRecordEvent;
import org.eprescription.core.prescription.event.PrescriptionIssued;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.eprescription.query.prescription.PrescriptionFixtures.BIRTH_DATE;

/**
 * Delivers events to a projection as the event store would: domain event messages with the aggregate's sequence
 * numbers, the patient in metadata, and a global order that a replay repeats.
 */
final class AlertEvents {

    private final AnnotationEventHandlerAdapter adapter;
    private final List<AnnotationEventHandlerAdapter> commandSide = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private final List<EventMessage<?>> delivered = new ArrayList<>();

    /**
     * @param commandSide handlers that see each event as it is recorded (in the command's transaction), and not in
     *                    a replay: the course record the next check reads
     */
    AlertEvents(Object projection, Object... commandSide) {
        this.adapter = new AnnotationEventHandlerAdapter(projection);
        for (Object handler : commandSide) {
            this.commandSide.add(new AnnotationEventHandlerAdapter(handler));
        }
    }

    static PrescriptionIssued issued(PrescriptionId id, PatientId patient, InstitutionId institution,
                                     PrescriberId prescriber, Instant issuedAt, List<AlertAcknowledgement> acks,
                                     PrescribedLine... lines) {
        return new PrescriptionIssued(id, new PatientDetails(patient, BIRTH_DATE, null),
                new PrescriberDetails(prescriber, institution), List.of(lines), 1, LocalDate.of(2027, 1, 31),
                "hash-" + id, "k1", 0, acks, issuedAt, java.time.LocalDate.ofInstant(issuedAt, java.time.ZoneOffset.UTC));
    }

    static PrescribedLine line(int number, DrugCode drug, int days) {
        return new PrescribedLine(number, drug, BigDecimal.valueOf(days), "tablet", "once daily", days);
    }

    static AlertAcknowledgement ack(AlertId alertId, String reason) {
        return new AlertAcknowledgement(alertId, reason);
    }

    /** The next event of the prescription's stream, naming its patient in metadata. */
    EventMessage<?> send(PrescriptionEvent event, PatientId patient) throws Exception {
        String aggregate = event.prescriptionId().toString();
        long sequence = sequences.merge(aggregate, 1L, Long::sum) - 1;
        return deliver(new GenericDomainEventMessage<>("Prescription", aggregate, sequence, event,
                MetaData.with(PrescriptionEvent.PATIENT_ID_METADATA, patient.value())));
    }

    /** The next event of the dispensing record's stream, naming its patient in metadata. */
    EventMessage<?> send(DispensingRecordEvent event) throws Exception {
        String aggregate = event.recordId().asString();
        long sequence = sequences.merge(aggregate, 1L, Long::sum) - 1;
        return deliver(new GenericDomainEventMessage<>("DispensingRecord", aggregate, sequence, event,
                MetaData.with(PrescriptionEvent.PATIENT_ID_METADATA, event.patientId().value())));
    }

    EventMessage<?> send(ConsentEvent event) throws Exception {
        String aggregate = PatientConsent.streamIdOf(event.patientId());
        long sequence = sequences.merge(aggregate, 1L, Long::sum) - 1;
        return deliver(new GenericDomainEventMessage<>("PatientConsent", aggregate, sequence, event,
                MetaData.with(PatientConsent.PATIENT_ID_METADATA, event.patientId().value())));
    }

    /** The same message once more, as after a failed commit of the token. */
    void redeliver(EventMessage<?> message) throws Exception {
        adapter.handle(message);
    }

    /** Every message delivered so far, again in the same order, as a replay into empty tables reads them. */
    void replayAll() throws Exception {
        long position = 0;
        for (EventMessage<?> message : delivered) {
            GenericDomainEventMessage<?> domain = (GenericDomainEventMessage<?>) message;
            adapter.handle(new GenericTrackedDomainEventMessage<>(ReplayToken.createReplayToken(
                    new GlobalSequenceTrackingToken(1_000_000), new GlobalSequenceTrackingToken(position++)), domain));
        }
    }

    private EventMessage<?> deliver(GenericDomainEventMessage<?> message) throws Exception {
        delivered.add(message);
        for (AnnotationEventHandlerAdapter handler : commandSide) {
            handler.handle(message);
        }
        adapter.handle(message);
        return message;
    }
}
