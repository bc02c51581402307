package org.eprescription.query.codes;

import lombok.RequiredArgsConstructor;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.eprescription.core.prescription.event.PrescriptionCancelled;
import org.eprescription.core.prescription.event.PrescriptionCompleted;
import org.eprescription.core.prescription.event.PrescriptionExpired;
import org.eprescription.core.prescription.event.PrescriptionIssued;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code live_exchange_code}: a prescription holds its code from its issue until it is final. The application
 * runs it in a subscribing processor, {@value #PROCESSING_GROUP}, in the transaction of the command whose events it
 * handles, so the next issue on any node sees every code committed before it, and a hash taken meanwhile fails the
 * issue with nothing recorded.
 */
@Component
@ProcessingGroup(LiveExchangeCodeProjection.PROCESSING_GROUP)
@RequiredArgsConstructor
public class LiveExchangeCodeProjection {

    public static final String PROCESSING_GROUP = "live-exchange-code";

    private final LiveExchangeCodeRepository repository;

    @EventHandler
    public void on(PrescriptionIssued event) {
        repository.hold(event.exchangeCodeHash(), event.prescriptionId());
    }

    @EventHandler
    public void on(PrescriptionCompleted event) {
        repository.release(event.prescriptionId());
    }

    @EventHandler
    public void on(PrescriptionCancelled event) {
        repository.release(event.prescriptionId());
    }

    @EventHandler
    public void on(PrescriptionExpired event) {
        repository.release(event.prescriptionId());
    }
}
