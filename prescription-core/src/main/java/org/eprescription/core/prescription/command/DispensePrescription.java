package org.eprescription.core.prescription.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.DispensedItem;

import java.util.List;

/** Hand out medicine against the prescription; {@code completesUse} ends the current use even if not all is given. */
public record DispensePrescription(@TargetAggregateIdentifier PrescriptionId prescriptionId, PharmacyId pharmacyId,
                                   PharmacistId pharmacistId, List<DispensedItem> items, boolean completesUse) {

    public DispensePrescription {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
