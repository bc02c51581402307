package org.eprescription.query.prescription;

import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.PatientDetails;
import org.eprescription.core.prescription.PrescribedLine;
import org.eprescription.core.prescription.PrescriberDetails;
import org.eprescription.core.prescription.PrescriptionStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A prescription as the query side shows it (docs/http-api.md, {@code GET /prescriptions/{id}}), built only from
 * events.
 * It never carries the exchange code or its hash.
 *
 * @param lines                 the prescribed lines (as amended), with what was dispensed against each in the current
 *                              use (withdrawn dispensings do not count)
 * @param usesLeft              uses not yet completed, counting the current one; 0 once the prescription is final
 * @param currentUse            1 for the first use, 2 and 3 for refills
 * @param pharmacyId            the pharmacy holding the prescription, null when nobody holds it
 * @param cancellationRequested the issuing institution asked to cancel while a pharmacy holds it, and the holding
 *                              pharmacy has not decided yet
 * @param cancellationRequest   the latest such request and how it ended (pending, cancelled, lapsed); null if there
 *                              was none
 * @param refillWindow          the window of the current refill use, from its scheduling until the prescription is
 *                              final; null on the first use and once final
 * @param version               the sequence number of the last event applied, which is the aggregate version
 *                              the command handlers answer
 * @param heldSince             when the pharmacy holding it accepted it; null when nobody holds it
 * @param lastDispensedAt       when it was last dispensed (any use, any pharmacy); null before the first dispensing
 * @param lastPosition          the global position in the event store of the last event applied; the id of the
 *                              live-stream event that carries this view; -1 when not known
 * @param queries               the pharmacists' queries to the prescriber, oldest first
 * @param openQueries           how many of them wait for an answer (derived from {@code queries})
 */
public record PrescriptionView(PrescriptionId prescriptionId, PrescriptionStatus status, PatientDetails patient,
                               PrescriberDetails prescriber, List<ViewLine> lines, int refills, int usesLeft,
                               int currentUse, LocalDate validUntil, PharmacyId pharmacyId,
                               boolean cancellationRequested, CancellationRequest cancellationRequest,
                               RefillWindow refillWindow,
                               List<Dispensing> dispensings, Instant issuedAt, LocalDate issuedOn,
                               Instant updatedAt, long version,
                               Instant heldSince, Instant lastDispensedAt, long lastPosition,
                               List<PrescriberQuery> queries, int openQueries) {

    public PrescriptionView {
        lines = lines == null ? List.of() : List.copyOf(lines);
        dispensings = dispensings == null ? List.of() : List.copyOf(dispensings);
        queries = queries == null ? List.of() : List.copyOf(queries);
        openQueries = (int) queries.stream().filter(query -> query.status() == PrescriberQuery.Status.OPEN).count();
    }

    /** A view without pharmacists' queries. */
    public PrescriptionView(PrescriptionId prescriptionId, PrescriptionStatus status, PatientDetails patient,
                            PrescriberDetails prescriber, List<ViewLine> lines, int refills, int usesLeft,
                            int currentUse, LocalDate validUntil, PharmacyId pharmacyId,
                            boolean cancellationRequested, CancellationRequest cancellationRequest,
                            RefillWindow refillWindow, List<Dispensing> dispensings, Instant issuedAt,
                            LocalDate issuedOn, Instant updatedAt, long version, Instant heldSince,
                            Instant lastDispensedAt, long lastPosition) {
        this(prescriptionId, status, patient, prescriber, lines, refills, usesLeft, currentUse, validUntil, pharmacyId,
                cancellationRequested, cancellationRequest, refillWindow, dispensings, issuedAt, issuedOn, updatedAt,
                version, heldSince, lastDispensedAt, lastPosition, List.of(), 0);
    }

    /**
     * This view as the change an event at {@code position} made without changing the row (an alert another
     * prescription's check raised names it): the live-stream event that carries it has that position as its id, so
     * that it is told and rendered as the new change it is, not as the change the row last recorded.
     */
    public PrescriptionView announcedAt(long position) {
        if (position <= lastPosition) {
            return this;
        }
        return new PrescriptionView(prescriptionId, status, patient, prescriber, lines, refills, usesLeft, currentUse,
                validUntil, pharmacyId, cancellationRequested, cancellationRequest, refillWindow, dispensings,
                issuedAt, issuedOn, updatedAt, version, heldSince, lastDispensedAt, position, queries, openQueries);
    }

    /**
     * Line {@code lineNumber} as {@code dispensing}'s use was dispensed under it: as the prescription has it, unless an
     * amendment answered after that use was completed changed it since.
     */
    public Optional<PrescribedLine> lineDispensedUnder(Dispensing dispensing, int lineNumber) {
        if (dispensing.linesOfUse() != null) {
            return dispensing.linesOfUse().stream().filter(line -> line.lineNumber() == lineNumber).findFirst();
        }
        return lines.stream().filter(line -> line.lineNumber() == lineNumber).map(ViewLine::prescribed).findFirst();
    }

    /** Whether {@code pharmacy} dispensed it at or after {@code since}. */
    public boolean dispensedBySince(PharmacyId pharmacy, Instant since) {
        return dispensings.stream().anyMatch(dispensing -> pharmacy.equals(dispensing.pharmacyId())
                && dispensing.dispensedAt() != null && !dispensing.dispensedAt().isBefore(since));
    }
}
