package org.eprescription.query.alerts;

import org.eprescription.core.ids.PrescriptionId;

import java.util.Set;

/**
 * The open alerts of several prescriptions at once (a pharmacy's queue, an institution's list); answers
 * {@code List<AlertView>}, by prescription, line, type and key.
 */
public record FindOpenAlertsForPrescriptions(Set<PrescriptionId> prescriptionIds) {

    public FindOpenAlertsForPrescriptions {
        prescriptionIds = Set.copyOf(prescriptionIds);
    }
}
