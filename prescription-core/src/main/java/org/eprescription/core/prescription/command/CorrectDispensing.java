package org.eprescription.core.prescription.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.DispensedItem;

import java.util.List;

/**
 * Correct dispensing number {@code sequence} (1-based, as the prescription view lists its dispensings) with
 * {@code items} in place of what was recorded; without items (null), withdraw it.
 */
public record CorrectDispensing(@TargetAggregateIdentifier PrescriptionId prescriptionId, PharmacyId pharmacyId,
                                PharmacistId pharmacistId, int sequence, String reason, List<DispensedItem> items) {

    public CorrectDispensing {
        items = items == null ? null : List.copyOf(items);
    }

    public boolean withdraws() {
        return items == null;
    }
}
