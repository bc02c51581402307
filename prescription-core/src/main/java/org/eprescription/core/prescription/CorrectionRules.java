package org.eprescription.core.prescription;

import org.eprescription.core.refusal.Refusal;

import org.eprescription.core.prescription.command.CorrectDispensing;

import java.time.LocalDate;

import static org.eprescription.core.prescription.Prescription.refused;

/**
 * Who may correct or withdraw a dispensing, and when (docs/domain.md, "Correcting a dispensing"): the pharmacy that
 * recorded it, on the day it was recorded (its quantities, while the use is open, only while it holds the
 * prescription: {@code Prescription}'s correction handler asks that). A withdrawal never
 * reopens a use that was completed; a correction with items must pass the dispense rules as if it had been recorded
 * instead ({@link DispenseRules}).
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
