package org.eprescription.query.prescription;

import org.eprescription.core.ids.PharmacyId;

import java.util.List;

/**
 * What a pharmacy holds now (longest held first, {@code cancellationRequested} set where the prescriber asked to
 * cancel) and what it dispensed today (most recent first).
 */
public record DispensingView(PharmacyId pharmacyId, List<PrescriptionView> held, List<PrescriptionView> dispensedToday) {

    public DispensingView {
        held = List.copyOf(held);
        dispensedToday = List.copyOf(dispensedToday);
    }
}
