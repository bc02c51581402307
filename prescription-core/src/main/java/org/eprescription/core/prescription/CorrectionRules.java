package org.eprescription.core.prescription;

import org.eprescription.core.refusal.Refusal;

import org.eprescription.core.prescription.command.CorrectDispensing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.eprescription.core.prescription.Prescription.refused;

/**
 * Who may correct or withdraw a dispensing, and when (docs/domain.md, "Correcting a dispensing"): the pharmacy that
 * recorded it, on the day it was recorded (its quantities, while the use is open, only while it holds the
 * prescription: {@code Prescription}'s correction handler asks that). A withdrawal never
 * reopens a use that was completed; a correction with items must pass the dispense rules as if it had been recorded
 * instead ({@link DispenseRules}), and after the prescriber's cancellation was decided it never raises what the
 * dispensing handed out.
 */
final class CorrectionRules {

    private CorrectionRules() {
    }

    /** The dispensing the command names, if the command's pharmacy may correct it today. */
    static DispensingRecords.Entry dispensingToCorrect(CorrectDispensing command, DispensingRecords dispensings,
                                                       LocalDate today) {
        DispensingRecords.Entry entry = dispensings.find(command.sequence())
                .orElseThrow(() -> refused(Refusal.UNKNOWN_DISPENSING,
                        "the prescription has no dispensing " + command.sequence()));
        if (!entry.pharmacy().equals(command.pharmacyId())) {
            throw refused(Refusal.NOT_THE_DISPENSING_PHARMACY, "dispensing " + command.sequence()
                    + " was recorded by another pharmacy; only that pharmacy may correct it");
        }
        if (entry.withdrawn()) {
            throw refused(Refusal.DISPENSING_WITHDRAWN, "dispensing " + command.sequence() + " was withdrawn");
        }
        if (!today.equals(entry.dispensedOn())) {
            throw refused(Refusal.CORRECTION_DAY_PASSED, "dispensing " + command.sequence() + " was recorded on "
                    + entry.dispensedOn() + "; it can be corrected only on that day");
        }
        if (!command.withdraws() && command.items().isEmpty()) {
            throw refused(Refusal.INVALID_DISPENSE, "a correction names at least one item; to withdraw the "
                    + "dispensing, send no items");
        }
        return entry;
    }

    /**
     * After the prescriber's cancellation was decided, a correction may lower what a dispensing handed out or fix
     * how it was entered (the product, the days), but not count it as more of any line than it did: that would be
     * medicine handed out after the prescriber stopped it (docs/domain.md, "Correcting a dispensing").
     */
    static void requireNotRaised(DispensingRecords.Entry entry, List<LineQuantity> corrected,
                                 Map<Integer, BigDecimal> before) {
        for (LineQuantity line : corrected) {
            BigDecimal was = before.getOrDefault(line.lineNumber(), BigDecimal.ZERO);
            if (DispenseRules.exceeds(line.quantity(), was)) {
                throw refused(Refusal.SUPPLY_STOPPED_BY_CANCELLATION, "the prescriber's cancellation stopped the "
                        + "supply: dispensing " + entry.sequence() + " counted as "
                        + was.stripTrailingZeros().toPlainString() + " of line " + line.lineNumber()
                        + ", and a correction may lower that or fix how it was entered, not raise it to "
                        + line.quantity().stripTrailingZeros().toPlainString());
            }
        }
    }

    /**
     * A use that was completed stays completed: the refill it scheduled (or the completion of the prescription) is
     * already what every party works from. Its quantities can still be corrected.
     */
    static void requireWithdrawable(DispensingRecords.Entry entry, boolean useCompleted, PrescriptionStatus status) {
        if (useCompleted) {
            throw refused(Refusal.USE_ALREADY_COMPLETED, "use " + entry.use() + " was completed ("
                    + (status == PrescriptionStatus.COMPLETED ? "the prescription is completed"
                    : status == PrescriptionStatus.CANCELLED ? "the prescription was cancelled after it"
                    : "the next use is scheduled") + "); withdrawing dispensing " + entry.sequence()
                    + " would reopen it. Correct its quantities instead");
        }
    }
}
