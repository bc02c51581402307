package org.eprescription.api.prescription;

import lombok.RequiredArgsConstructor;
import org.eprescription.api.actor.Actor;
import org.eprescription.api.command.CommandSender;
import org.eprescription.api.security.ResourceAccess;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.CommandOutcome;
import org.springframework.stereotype.Component;

import java.util.function.Supplier;

/**
 * A provider's command on an existing prescription: sent as {@link ResourceAccess#commandOn} admits it (a caller the
 * view does not show as involved learns nothing from a refusal), and answered once the view shows the change.
 */
@Component
@RequiredArgsConstructor
public class PrescriptionCommands {

    private final CommandSender commands;
    private final ResourceAccess access;
    private final PrescriptionResponses responses;

    /** Builds the command within the access rule and sends it; answers the view once it shows the change. */
    public PrescriptionResponse send(PrescriptionId id, Supplier<?> command, Actor actor, String idempotencyKey) {
        return responses.afterCommand(id, sendForVersion(id, command, actor, idempotencyKey));
    }

    /** Builds the command within the access rule and sends it; the version of the prescription it recorded. */
    public long sendForVersion(PrescriptionId id, Supplier<?> command, Actor actor, String idempotencyKey) {
        return access.commandOn(id, () -> commands.send(command.get(), actor, idempotencyKey));
    }

    /** Sends a command whose rules may check for interactions; what it recorded, with that check. */
    public CommandOutcome sendForOutcome(PrescriptionId id, Object command, Actor actor, String idempotencyKey) {
        return access.commandOn(id, () -> commands.sendForOutcome(command, actor, idempotencyKey));
    }

    /** A dispensing or its correction: answers the view and the alerts its check raised. */
    public PrescriptionResponse dispense(PrescriptionId id, Object command, Actor actor, String idempotencyKey) {
        return responses.dispensed(id, sendForOutcome(id, command, actor, idempotencyKey));
    }
}
