package org.eprescription.core.prescription.event;

import org.axonframework.serialization.Revision;
import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.DispensedItem;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The holding pharmacy handed out medicine; {@code completesUse} says whether this use is done. Revision 2 records
 * the day of the dispensing as the exchange decided it in its zone ({@code dispensedOn});
 * {@link PrescriptionDispensedUpcaster} reads revision 1 as this one.
 */
@Revision("2")
public record PrescriptionDispensed(PrescriptionId prescriptionId, PharmacyId pharmacyId, PharmacistId pharmacistId,
                                    int use, List<DispensedItem> items, boolean completesUse, Instant dispensedAt,
                                    LocalDate dispensedOn) implements PrescriptionEvent {
}
