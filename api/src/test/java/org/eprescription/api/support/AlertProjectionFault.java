package org.eprescription.api.support;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.eprescription.core.prescription.event.InteractionCheckCompleted;
import org.eprescription.query.alerts.AlertProjection;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;


/**
 * As {@link ProjectionFault}, in the alert projection's group: fails on every interaction check of one chosen patient,
 * so that patient's alert handling is dead-lettered while the prescription view goes on. Off unless a test names one.
 */
@ProcessingGroup(AlertProjection.PROCESSING_GROUP)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AlertProjectionFault extends InjectedSqlFault {

    public AlertProjectionFault(JdbcClient jdbc) {
        super(jdbc);
    }

    public void failOnChecksOf(String patientId) {
        choose(patientId);
    }

    @EventHandler
    public void on(InteractionCheckCompleted event) {
        failIfChosen(event.patientId().value());
    }
}
