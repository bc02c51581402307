package org.eprescription.core.prescription.event;

import org.axonframework.serialization.Revision;
import org.eprescription.core.catalogue.DrugDescriptions;
import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.DispensedItem;
import org.eprescription.core.prescription.LineQuantity;
import org.eprescription.core.prescription.SubstituteSupply;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The pharmacy that recorded dispensing number {@code sequence} (1-based, in the order of the prescription's
 * dispensings) corrected it on its day ({@code correctedOn}): {@code items} replace what it recorded.
 * {@code completesUse} says whether the dispensing, as corrected, completes its use; it becomes true when the
 * correction supplies what was left of every line, and never turns false. {@code countedAsPrescribed} says how much
 * of each line's prescribed drug the corrected items count as, decided now as for a dispensing. Revision 2 records
 * the substitutes the corrected items hand out with the limits of their own they were let out under
 * ({@code substitutes}, as {@link PrescriptionDispensed} does); {@link DispensingCorrectedUpcaster} reads revision 1
 * with null, not recorded. Revision 3 records how the catalogue described the drugs of the corrected items
 * ({@code drugs}); older revisions are read with none (null: not recorded). Revision 4 records the most days a course
 * of the corrected items may run ({@code courseDays}, as {@link PrescriptionDispensed} does); older revisions are read
 * with null, not recorded.
 */
@Revision("4")
public record DispensingCorrected(PrescriptionId prescriptionId, int sequence, int use, PharmacyId pharmacyId,
                                  PharmacistId pharmacistId, String reason, List<DispensedItem> items,
                                  boolean completesUse, Instant correctedAt, LocalDate correctedOn,
                                  List<LineQuantity> countedAsPrescribed, List<SubstituteSupply> substitutes,
                                  DrugDescriptions drugs, Integer courseDays)
        implements PrescriptionEvent {

    /** A correction that did not record its longest course's days (as revisions before 4 were recorded). */
    public DispensingCorrected(PrescriptionId prescriptionId, int sequence, int use, PharmacyId pharmacyId,
                               PharmacistId pharmacistId, String reason, List<DispensedItem> items,
                               boolean completesUse, Instant correctedAt, LocalDate correctedOn,
                               List<LineQuantity> countedAsPrescribed, List<SubstituteSupply> substitutes,
                               DrugDescriptions drugs) {
        this(prescriptionId, sequence, use, pharmacyId, pharmacistId, reason, items, completesUse, correctedAt,
                correctedOn, countedAsPrescribed, substitutes, drugs, null);
    }

    /** A correction whose drugs were not described (as revisions before 3 were recorded). */
    public DispensingCorrected(PrescriptionId prescriptionId, int sequence, int use, PharmacyId pharmacyId,
                               PharmacistId pharmacistId, String reason, List<DispensedItem> items,
                               boolean completesUse, Instant correctedAt, LocalDate correctedOn,
                               List<LineQuantity> countedAsPrescribed, List<SubstituteSupply> substitutes) {
        this(prescriptionId, sequence, use, pharmacyId, pharmacistId, reason, items, completesUse, correctedAt,
                correctedOn, countedAsPrescribed, substitutes, null, null);
    }

    public DispensingCorrected {
        items = List.copyOf(items);
        countedAsPrescribed = countedAsPrescribed == null ? null : List.copyOf(countedAsPrescribed);
        substitutes = substitutes == null ? null : List.copyOf(substitutes);
    }
}
