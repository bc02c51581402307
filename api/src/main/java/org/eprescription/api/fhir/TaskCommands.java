package org.eprescription.api.fhir;

import lombok.RequiredArgsConstructor;
import org.eprescription.api.actor.Actor;
import org.eprescription.api.prescription.PrescriptionCommands;
import org.eprescription.core.ids.PrescriptionId;
import org.hl7.fhir.r4.model.Task;
import org.springframework.stereotype.Component;

/**
 * A provider's command on a prescription the way the JSON API's release and cancel run it
 * ({@link PrescriptionCommands}), answered as the Task once its view shows it.
 */
@Component
@RequiredArgsConstructor
class TaskCommands {

    private final PrescriptionCommands commands;
    private final TaskMapper tasks;

    Task send(PrescriptionId id, Object command, Actor actor, String idempotencyKey) {
        return tasks.standalone(commands.send(id, () -> command, actor, idempotencyKey).view());
    }
}
