package org.eprescription.api.fhir;

import jakarta.servlet.http.HttpServletRequest;
import lombok.RequiredArgsConstructor;
import org.eprescription.api.actor.ActingParties;
import org.eprescription.api.actor.Actor;
import org.eprescription.api.pharmacy.AcceptRequest;
import org.eprescription.api.pharmacy.AcceptWithCode;
import org.eprescription.api.pharmacy.ReleaseRequest;
import org.eprescription.api.prescription.PrescriptionResponse;
import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriptionId;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A pharmacy takes a prescription ({@code Task/$accept}) and gives it back ({@code Task/{id}/$reject}), as the JSON
 * API's accept and release: the pharmacy and pharmacist are the token's, the accept goes through
 * {@link AcceptWithCode} (attempt counting, lock-out, the one 404 for a wrong code or birth date, the access log).
 */
@RestController
@RequestMapping(FhirPaths.BASE)
@RequiredArgsConstructor
class TaskAcceptController {

    static final String EXCHANGE_CODE = "exchange-code";
    static final String BIRTH_DATE = "birth-date";

    private final TaskOperationCalls calls;
    private final FhirInputs inputs;
    private final TaskBundleWriter bundles;
    private final ActingParties actingParties;
    private final AcceptWithCode acceptWithCode;
    private final TaskCommands commands;
    private final AlertKnowledge knowledge;

    @PostMapping(FhirPaths.TASK_ACCEPT)
    ResponseEntity<byte[]> accept(@RequestBody(required = false) byte[] body, HttpServletRequest request) {
        return calls.answer(TaskOperation.ACCEPT, body, request, (parameters, idempotencyKey) -> {
            String code = parameters.requiredString(EXCHANGE_CODE);
            LocalDate birthDate = parameters.requiredDay(BIRTH_DATE);
            Actor actor = actingParties.pharmacy();
            AcceptRequest accept = inputs.requireValid(new AcceptRequest(code, birthDate, actor.organisationId(),
                    actor.userId()));
            PrescriptionResponse accepted = acceptWithCode.accept(accept.exchangeCode(), accept.patientBirthDate(),
                    PharmacyId.of(accept.pharmacyId()), PharmacistId.of(accept.pharmacistId()), actor, idempotencyKey);
            return bundles.accepted(accepted, knowledge.alertsKept());
        });
    }

    @PostMapping(FhirPaths.TASK_REJECT)
    ResponseEntity<byte[]> reject(@PathVariable UUID id, @RequestBody(required = false) byte[] body,
                                  HttpServletRequest request) {
        return calls.answer(TaskOperation.REJECT, body, request, (parameters, idempotencyKey) -> {
            PrescriptionId prescriptionId = new PrescriptionId(id);
            Actor actor = actingParties.pharmacy();
            ReleaseRequest release = inputs.requireValid(new ReleaseRequest(actor.organisationId(),
                    parameters.string(OperationParameters.REASON).orElse(null)));
            return commands.send(prescriptionId, release.toCommand(prescriptionId), actor, idempotencyKey);
        });
    }
}
