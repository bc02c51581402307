package org.eprescription.api.config;

import org.axonframework.config.ConfigurerModule;
import org.eprescription.query.alerts.AlertProjection;
import org.eprescription.query.prescription.PrescriptionViewProjection;

/**
 * Both projections run in one pooled processor, {@value #PROCESSOR}: one event stream, one transaction and one token
 * update per batch for both, so an issue's view and its alerts commit together and the answer waits once
 * (docs/benchmarks.md, "Issue throughput with and without alerts"). Each projection stays its own processing group,
 * with its own dead-letter queue and sequencing policy; both sequence by patient (axon.eventhandling.processors.*),
 * so an event's two updates land in the same segment and the same transaction.
 *
 * <p>With alerts off, medication-alerts gets a processor of its own, which {@code AlertsOffSwitch} stops. Switching
 * alerts on again moves it back here at this processor's position: replay it then
 * ({@code POST /admin/projections/medication-alerts/replay}) for the events it did not see.
 *
 * <p>A database whose projections ran in the earlier processors (one per projection) has no token for this one yet:
 * it starts from the first event, like any new processor, and both projections skip what they already hold.
 */
public final class ProjectionProcessorLayout {

    public static final String PROCESSOR = "projections";

    private ProjectionProcessorLayout() {
    }

    public static ConfigurerModule assignments(boolean alertsEnabled) {
        return configurer -> {
            configurer.eventProcessing()
                    .assignProcessingGroup(PrescriptionViewProjection.PROCESSING_GROUP, PROCESSOR);
            if (alertsEnabled) {
                configurer.eventProcessing().assignProcessingGroup(AlertProjection.PROCESSING_GROUP, PROCESSOR);
            }
        };
    }
}
