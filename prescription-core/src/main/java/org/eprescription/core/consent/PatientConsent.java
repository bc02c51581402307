package org.eprescription.core.consent;

import org.eprescription.core.prescription.event.PrescriptionEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.messaging.MetaData;
import org.eprescription.core.ids.PatientId;

import java.time.Clock;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A patient's consent to share their history with providers of other institutions. Without a recorded consent
 * the exchange does not share: alerts still fire, but without naming the other institution and prescriber.
 * Recording the state it already has changes nothing.
 */
public class PatientConsent {

    public static final String PATIENT_ID_METADATA = PrescriptionEvent.PATIENT_ID_METADATA;

    @AggregateIdentifier
    private String consentStreamId;
    private boolean sharingAllowed;

    protected PatientConsent() {
        // required by Axon to rebuild the aggregate from its events
    }

    /** The consent stream's id: distinct from any prescription id even if a patient id looked like a UUID. */
    public static String streamIdOf(PatientId patientId) {
        return "consent:" + patientId.value();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordConsent command, Clock clock) {
        boolean known = consentStreamId != null;
        if (known && sharingAllowed == command.sharingAllowed()) {
            return;
        }
        apply(command.sharingAllowed()
                        ? new ConsentGiven(command.patientId(), clock.instant())
                        : new ConsentWithdrawn(command.patientId(), clock.instant()),
                metaData(command.patientId()));
    }

    private static MetaData metaData(PatientId patientId) {
        return MetaData.with(PATIENT_ID_METADATA, patientId.value());
    }

    @EventSourcingHandler
    void on(ConsentGiven event) {
        consentStreamId = streamIdOf(event.patientId());
        sharingAllowed = true;
    }

    @EventSourcingHandler
    void on(ConsentWithdrawn event) {
        consentStreamId = streamIdOf(event.patientId());
        sharingAllowed = false;
    }
}
