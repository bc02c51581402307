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
 * The holding pharmacy handed out medicine; {@code completesUse} says whether this use is done. Revision 2 records
 * what the exchange decided: the day of the dispensing in its zone ({@code dispensedOn}) and how much of each line's
 * prescribed drug the items count as ({@code countedAsPrescribed}, one entry per line dispensed; a substitute of
 * another strength counts as the units giving the same dose). Revision 3 records each substitute handed out with the
 * limits of its own it was let out under ({@code substitutes}: refill permission and longest supply, as the catalogue
 * gave them then; empty when none). {@link PrescriptionDispensedUpcaster} reads revisions 1 and 2 as this one, with
 * what they did not decide as null: {@code countedAsPrescribed} before revision 2, {@code substitutes} before 3.
 * Revision 4 records how the catalogue described the drugs handed out ({@code drugs}, a substitute among them);
 * older revisions are read with none (null: not recorded). Revision 5 records the most days a course of what it hands
 * out may run ({@code courseDays}): the longest of the use's lines' days, an as-needed line counting 14 (docs/alerts.md,
 * "After alerts were switched off"); a course lasts as long as its quantity covers, up to its line's days, whatever
 * days the items say. Older revisions are read with null, not recorded.
 */
@Revision("5")
public record PrescriptionDispensed(PrescriptionId prescriptionId, PharmacyId pharmacyId, PharmacistId pharmacistId,
                                    int use, List<DispensedItem> items, boolean completesUse, Instant dispensedAt,
                                    LocalDate dispensedOn, List<LineQuantity> countedAsPrescribed,
                                    List<SubstituteSupply> substitutes, DrugDescriptions drugs, Integer courseDays)
        implements PrescriptionEvent {

    /** A dispensing that did not record its longest course's days (as revisions before 5 were recorded). */
    public PrescriptionDispensed(PrescriptionId prescriptionId, PharmacyId pharmacyId, PharmacistId pharmacistId,
                                 int use, List<DispensedItem> items, boolean completesUse, Instant dispensedAt,
                                 LocalDate dispensedOn, List<LineQuantity> countedAsPrescribed,
                                 List<SubstituteSupply> substitutes, DrugDescriptions drugs) {
        this(prescriptionId, pharmacyId, pharmacistId, use, items, completesUse, dispensedAt, dispensedOn,
                countedAsPrescribed, substitutes, drugs, null);
    }

    /** A dispensing whose drugs were not described (as revisions before 4 were recorded). */
    public PrescriptionDispensed(PrescriptionId prescriptionId, PharmacyId pharmacyId, PharmacistId pharmacistId,
                                 int use, List<DispensedItem> items, boolean completesUse, Instant dispensedAt,
                                 LocalDate dispensedOn, List<LineQuantity> countedAsPrescribed,
                                 List<SubstituteSupply> substitutes) {
        this(prescriptionId, pharmacyId, pharmacistId, use, items, completesUse, dispensedAt, dispensedOn,
                countedAsPrescribed, substitutes, null, null);
    }

    public PrescriptionDispensed {
        countedAsPrescribed = countedAsPrescribed == null ? null : List.copyOf(countedAsPrescribed);
        substitutes = substitutes == null ? null : List.copyOf(substitutes);
    }
}
