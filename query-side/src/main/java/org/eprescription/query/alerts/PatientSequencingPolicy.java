package org.eprescription.query.alerts;

import org.eprescription.core.prescription.event.PrescriptionEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.eprescription.core.consent.ConsentEvent;

/**
 * Keeps one patient's events strictly in order (and on one segment), whichever prescription or consent stream they
 * belong to: two prescriptions issued at the same moment at two hospitals are still checked one after the other.
 * The patient comes from the payload of a consent event, else from the {@code patientId} metadata every prescription
 * event carries; an event with neither falls back to its aggregate (or may run in any order if it has none).
 */
public class PatientSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    public PatientSequencingPolicy() {
        // wired by the application for both projections, so an event's two updates share a segment
    }

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        if (event.getPayload() instanceof ConsentEvent consent) {
            return consent.patientId().value();
        }
        Object patientId = event.getMetaData().get(PrescriptionEvent.PATIENT_ID_METADATA);
        if (patientId != null) {
            return patientId.toString();
        }
        if (event instanceof DomainEventMessage<?> domainEvent) {
            return domainEvent.getAggregateIdentifier();
        }
        return null;
    }
}
