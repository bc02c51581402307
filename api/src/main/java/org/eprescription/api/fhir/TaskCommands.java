package org.eprescription.api.fhir;

import lombok.RequiredArgsConstructor;
import org.eprescription.api.actor.Actor;
import org.eprescription.api.command.CommandSender;
import org.eprescription.api.prescription.PrescriptionResponses;
import org.eprescription.api.security.ResourceAccess;
import org.eprescription.core.ids.PrescriptionId;
import org.hl7.fhir.r4.model.Task;
import org.springframework.stereotype.Component;

/**
 * A provider's command on a prescription the way the JSON API's release and cancel run it ({@link ResourceAccess}
 * decides what a stranger learns, the command sender records it), answered as the Task once its view shows it.
 */
@Component
@RequiredArgsConstructor
class TaskCommands {

    private final ResourceAccess access;
    private final CommandSender commands;
    private final PrescriptionResponses responses;
    private final TaskMapper tasks;

    Task send(PrescriptionId id, Object command, Actor actor, String idempotencyKey) {
        long version = access.commandOn(id, () -> commands.send(command, actor, idempotencyKey));
        return tasks.standalone(responses.afterCommand(id, version).view());
    }
}
