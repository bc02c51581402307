package org.eprescription.api.support;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.eprescription.core.prescription.event.PrescriptionAccepted;
import org.eprescription.query.prescription.PrescriptionViewProjection;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;


/**
 * A fault a test can switch on: a handler in the prescription-view group, invoked before the projection itself
 * (highest order), that fails on the acceptance of one chosen prescription with a failing SQL statement, as a
 * bug in the projection would. In PostgreSQL that aborts the batch's transaction, the hard case for a dead-letter
 * queue. Off unless a test names a prescription.
 */
@ProcessingGroup(PrescriptionViewProjection.PROCESSING_GROUP)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProjectionFault extends InjectedSqlFault {

    public ProjectionFault(JdbcClient jdbc) {
        super(jdbc);
    }

    public void failOnAcceptanceOf(String prescriptionId) {
        choose(prescriptionId);
    }

    @EventHandler
    public void on(PrescriptionAccepted event) {
        failIfChosen(event.prescriptionId().toString());
    }
}
