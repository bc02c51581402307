package org.eprescription.api.prescription;

import lombok.RequiredArgsConstructor;
import org.eprescription.api.actor.Actor;
import org.eprescription.api.command.CommandSender;
import org.eprescription.api.command.CommandSideWrite;
import org.eprescription.api.privacy.AccessLog;
import org.eprescription.api.problem.AnswerMarks;
import org.eprescription.api.security.ResourceAccess;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.CommandOutcome;
import org.eprescription.core.prescription.command.IssuePrescription;
import org.eprescription.query.prescription.PrescriptionView;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * A provider's command on an existing prescription: sent as {@link ResourceAccess#commandOn} admits it (a caller the
 * view does not show as involved learns nothing from a refusal), and answered once the view shows the change. An
 * issue, which has no prescription to check access on yet, is answered the same way.
 */
@Component
@RequiredArgsConstructor
public class PrescriptionCommands {

    private final CommandSender commands;
    private final ResourceAccess access;
    private final PrescriptionResponses responses;
    private final PrescriptionViews views;
    private final AccessLog accessLog;

    /** An issue: answers the view, the alerts its check recorded and the exchange code for the patient. */
    public PrescriptionResponse issue(IssuePrescription command, Actor actor, String idempotencyKey) {
        return responses.issued(command.prescriptionId(),
                commands.sendForOutcome(command, actor, idempotencyKey, logCheck(command.prescriptionId())));
    }

    /** Builds the command within the access rule and sends it; answers the view once it shows the change. */
    public PrescriptionResponse send(PrescriptionId id, Supplier<?> command, Actor actor, String idempotencyKey) {
        return responses.afterCommand(id, sendForVersion(id, command, actor, idempotencyKey));
    }

    /** Builds the command within the access rule and sends it; the version of the prescription it recorded. */
    private long sendForVersion(PrescriptionId id, Supplier<?> command, Actor actor, String idempotencyKey) {
        return access.commandOn(id, () -> commands.send(command.get(), actor, idempotencyKey));
    }

    /**
     * Builds the command within the access rule and sends it; the view once it shows the change, as it is, or as the
     * prescription's events show it when the view lags (docs/http-api.md, "Retries").
     */
    public PrescriptionView sendForView(PrescriptionId id, Supplier<?> command, Actor actor, String idempotencyKey) {
        PrescriptionViews.Recorded recorded = views.awaitRecorded(id, sendForVersion(id, command, actor,
                idempotencyKey));
        if (recorded.fromEvents()) {
            AnswerMarks.markAnsweredFromEvents();
        }
        return recorded.view();
    }

    /**
     * Sends a command whose rules may check for interactions; what it recorded, with that check. A check's answer
     * shows what the patient's other medicine conflicts with: it is in the patient's access log.
     */
    public CommandOutcome sendForOutcome(PrescriptionId id, Object command, Actor actor, String idempotencyKey) {
        return access.commandOn(id, () -> commands.sendForOutcome(command, actor, idempotencyKey, logCheck(id)));
    }

    /**
     * Every check and every read of alerts is in the patient's access log (docs/alerts.md, "Privacy"): a check's entry
     * is written with the command that made it.
     */
    private CommandSideWrite logCheck(PrescriptionId id) {
        return handled -> {
            CommandOutcome outcome = handled.outcome();
            if (outcome.check() != null) {
                accessLog.read(outcome.check().patientId(), "interaction check ("
                        + outcome.check().trigger().name().toLowerCase(Locale.ROOT) + ") of prescription " + id);
            }
        };
    }

    /** A dispensing or its correction: answers the view and the alerts its check raised. */
    public PrescriptionResponse dispense(PrescriptionId id, Object command, Actor actor, String idempotencyKey) {
        return responses.dispensed(id, sendForOutcome(id, command, actor, idempotencyKey));
    }

    /**
     * A command whose rules check for interactions only when it changes the lines (an answer that accepts a proposed
     * change): answered as a dispensing is when it ran the check, as any other command otherwise.
     */
    public PrescriptionResponse sendPerhapsChecked(PrescriptionId id, Object command, Actor actor,
                                                   String idempotencyKey) {
        CommandOutcome outcome = sendForOutcome(id, command, actor, idempotencyKey);
        return outcome.check() == null
                ? responses.afterCommand(id, outcome.version())
                : responses.dispensed(id, outcome);
    }
}
