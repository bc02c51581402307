package org.eprescription.core.prescription.event;

import org.axonframework.serialization.Revision;
import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.DispensedItem;
import org.eprescription.core.prescription.LineQuantity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The holding pharmacy handed out medicine; {@code completesUse} says whether this use is done. Revision 2 records
 * what the exchange decided: the day of the dispensing in its zone ({@code dispensedOn}) and how much of each line's
 * prescribed drug the items count as ({@code countedAsPrescribed}, one entry per line dispensed; a substitute of
 * another strength counts as the units giving the same dose). {@link PrescriptionDispensedUpcaster} reads revision 1
 * as this one, without {@code countedAsPrescribed} (null), which was never decided then.
 */
@Revision("2")
public record PrescriptionDispensed(PrescriptionId prescriptionId, PharmacyId pharmacyId, PharmacistId pharmacistId,
                                    int use, List<DispensedItem> items, boolean completesUse, Instant dispensedAt,
                                    LocalDate dispensedOn, List<LineQuantity> countedAsPrescribed)
        implements PrescriptionEvent {

    public PrescriptionDispensed {
        countedAsPrescribed = countedAsPrescribed == null ? null : List.copyOf(countedAsPrescribed);
    }
}
