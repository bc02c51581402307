package org.eprescription.api.fhir;

import jakarta.servlet.http.HttpServletRequest;
import lombok.RequiredArgsConstructor;
import org.eprescription.api.actor.ActingParties;
import org.eprescription.api.actor.Actor;
import org.eprescription.api.prescription.CancelRequest;
import org.eprescription.core.ids.PrescriptionId;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * The issuing institution cancels ({@code Task/{id}/$abort}), as the JSON API's cancel: a prescription nobody holds
 * is cancelled; one a pharmacy holds stays in progress with the cancellation requested, for the pharmacy to decide.
 */
@RestController
@RequestMapping(FhirPaths.BASE)
@RequiredArgsConstructor
class TaskAbortController {

    private final TaskOperationCalls calls;
    private final FhirInputs inputs;
    private final ActingParties actingParties;
    private final TaskCommands commands;

    @PostMapping(FhirPaths.TASK_ABORT)
    ResponseEntity<byte[]> abort(@PathVariable UUID id, @RequestBody(required = false) byte[] body,
                                 HttpServletRequest request) {
        return calls.answer(TaskOperation.ABORT, body, request, (parameters, idempotencyKey) -> {
            CancelRequest cancel = inputs.requireValid(new CancelRequest(
                    parameters.requiredString(OperationParameters.REASON)));
            PrescriptionId prescriptionId = new PrescriptionId(id);
            Actor actor = actingParties.prescriber();
            return commands.send(prescriptionId, cancel.toCommand(prescriptionId, actor), actor, idempotencyKey);
        });
    }
}
