package org.eprescription.query.prescription;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eprescription.core.prescription.LineQuantity;
import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.prescription.DispensedItem;
import org.eprescription.core.prescription.PrescribedLine;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One dispensing of one use, as the pharmacy recorded it and corrected it since; {@code dispensedOn} is the day the
 * exchange recorded for it (null in a view written before dispensings carried their day, until the view is replayed).
 *
 * @param sequence    its number among the prescription's dispensings, from 1: what a correction names
 * @param items       what it hands out now: as recorded, or as last corrected (a withdrawn one keeps its items)
 * @param status      {@code RECORDED}, {@code CORRECTED} or {@code WITHDRAWN}; a withdrawn one no longer counts
 * @param corrections every correction and withdrawal, oldest first, each with the items it replaced
 * @param countedAsPrescribed how much of each line's prescribed drug {@code items} count as, as the exchange recorded
 *                    it; null for dispensings recorded before it did (the view then works it out from the catalogue)
 * @param linesOfUse  the lines its use was dispensed under, once an amendment answered after that use was completed
 *                    changed the prescription's lines (docs/domain.md, "A query to the prescriber"); null while its
 *                    use's lines are the prescription's lines
 */
public record Dispensing(int sequence, int use, PharmacyId pharmacyId, PharmacistId pharmacistId,
                         List<DispensedItem> items, boolean completesUse, Instant dispensedAt, LocalDate dispensedOn,
                         Status status, List<Correction> corrections,
                         @JsonInclude(JsonInclude.Include.NON_NULL) List<LineQuantity> countedAsPrescribed,
                         @JsonInclude(JsonInclude.Include.NON_NULL) List<PrescribedLine> linesOfUse) {

    public enum Status { RECORDED, CORRECTED, WITHDRAWN }

    /** A correction ({@code CORRECTED}) or withdrawal ({@code WITHDRAWN}) of the dispensing, by its pharmacy. */
    public record Correction(Status kind, PharmacistId pharmacistId, String reason, Instant correctedAt,
                             List<DispensedItem> previousItems) {

        public Correction {
            previousItems = previousItems == null ? List.of() : List.copyOf(previousItems);
        }
    }

    public Dispensing {
        items = items == null ? List.of() : List.copyOf(items);
        status = status == null ? Status.RECORDED : status;
        corrections = corrections == null ? List.of() : List.copyOf(corrections);
        linesOfUse = linesOfUse == null ? null : List.copyOf(linesOfUse);
    }

    /** A dispensing under the prescription's lines as they are. */
    public Dispensing(int sequence, int use, PharmacyId pharmacyId, PharmacistId pharmacistId,
                      List<DispensedItem> items, boolean completesUse, Instant dispensedAt, LocalDate dispensedOn,
                      Status status, List<Correction> corrections, List<LineQuantity> countedAsPrescribed) {
        this(sequence, use, pharmacyId, pharmacistId, items, completesUse, dispensedAt, dispensedOn, status,
                corrections, countedAsPrescribed, null);
    }

    /** The same dispensing, its use dispensed under {@code lines}, unless it already names the lines of its use. */
    Dispensing dispensedUnder(List<PrescribedLine> lines) {
        if (linesOfUse != null) {
            return this;
        }
        return new Dispensing(sequence, use, pharmacyId, pharmacistId, items, completesUse, dispensedAt, dispensedOn,
                status, corrections, countedAsPrescribed, lines);
    }

    public boolean withdrawn() {
        return status == Status.WITHDRAWN;
    }
}
