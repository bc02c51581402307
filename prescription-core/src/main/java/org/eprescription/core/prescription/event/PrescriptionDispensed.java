package org.eprescription.core.prescription.event;

import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.prescription.DispensedItem;
import java.util.List;
import org.axonframework.serialization.Revision;
import org.eprescription.core.ids.PrescriptionId;

import java.time.Instant;

/** The holding pharmacy handed out medicine; {@code completesUse} says whether this use is done. */
@Revision("1")
public record PrescriptionDispensed(PrescriptionId prescriptionId, PharmacyId pharmacyId, PharmacistId pharmacistId, int use, List<DispensedItem> items,
                                    boolean completesUse, Instant dispensedAt) implements PrescriptionEvent {
}
