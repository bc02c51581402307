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
 * <p>The same with alerts switched off ({@code exchange.alerts.enabled=false}): that switches off the checks, not the
 * alert projection, which decides nothing and must see every cancellation, expiry and acknowledgement recorded
 * meanwhile, or switching alerts on again would leave it behind where a replay would not (docs/alerts.md, "After
 * alerts were switched off").
 *
 * <p>A database whose projections ran in the earlier processors (one per projection) has no token for this one yet:
 * it starts from the first event, like any new processor, and both projections skip what they already hold.
 */
public final class ProjectionProcessorLayout {

    public static final String PROCESSOR = "projections";

    private ProjectionProcessorLayout() {
    }

    public static ConfigurerModule assignments() {
        return configurer -> configurer.eventProcessing()
                .assignProcessingGroup(PrescriptionViewProjection.PROCESSING_GROUP, PROCESSOR)
                .assignProcessingGroup(AlertProjection.PROCESSING_GROUP, PROCESSOR);
    }
}
