package org.eprescription.api.support;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.eprescription.core.prescription.event.InteractionCheckCompleted;
import org.eprescription.query.alerts.AlertProjection;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.concurrent.atomic.AtomicReference;

/**
 * As {@link ProjectionFault}, in the alert projection's group: fails on every interaction check of one chosen patient,
 * so that patient's alert handling is dead-lettered while the prescription view goes on. Off unless a test names one.
 */
@ProcessingGroup(AlertProjection.PROCESSING_GROUP)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AlertProjectionFault {

    private final AtomicReference<String> failingPatient = new AtomicReference<>();
    private final JdbcClient jdbc;

    public AlertProjectionFault(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void failOnChecksOf(String patientId) {
        failingPatient.set(patientId);
    }

    public void clear() {
        failingPatient.set(null);
    }

    @EventHandler
    public void on(InteractionCheckCompleted event) {
        if (event.patientId().value().equals(failingPatient.get())) {
            jdbc.sql("SELECT 1 / 0 AS injected_fault").query(Integer.class).single();
        }
    }
}
