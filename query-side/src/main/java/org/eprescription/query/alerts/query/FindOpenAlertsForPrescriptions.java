package org.eprescription.query.alerts.query;

import org.eprescription.core.ids.PrescriptionId;

import java.util.Set;

/**
 * The open alerts of several prescriptions at once (a pharmacy's queue, an institution's list); answers
 * {@code Map<PrescriptionId, List<AlertView>>}: under each prescription the alerts on its lines and those naming it.
 */
public record FindOpenAlertsForPrescriptions(Set<PrescriptionId> prescriptionIds) {

    public FindOpenAlertsForPrescriptions {
        prescriptionIds = Set.copyOf(prescriptionIds);
    }
}
