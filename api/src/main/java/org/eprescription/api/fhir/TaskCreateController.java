package org.eprescription.api.fhir;

import jakarta.servlet.http.HttpServletRequest;
import lombok.RequiredArgsConstructor;
import org.eprescription.api.actor.ActingParties;
import org.eprescription.api.actor.Actor;
import org.eprescription.api.prescription.IssueRequest;
import org.eprescription.api.prescription.PrescriptionCommands;
import org.eprescription.api.prescription.PrescriptionViews;
import org.eprescription.core.ids.PrescriptionId;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /fhir/Task/$create}: issues a prescription from a FHIR Bundle. The Bundle becomes the JSON API's issue
 * body and goes the JSON API's way: the token decides who acts, the command sender records it, the aggregate
 * decides; what the issue's check recorded comes back as DetectedIssues. A Bundle that names its prescription
 * ({@link NamedPrescriptionId}) is issued under that id, so that sending it again issues nothing twice: the same Bundle
 * is answered as the first time (200), another one under the same id is the aggregate's conflict (409), as the JSON
 * API's {@code prescriptionId} is (docs/fhir.md, "Task/$create", "Retries").
 */
@RestController
@RequestMapping(FhirPaths.BASE)
@RequiredArgsConstructor
class TaskCreateController {

    private final TaskOperationCalls calls;
    private final IssueBundleReader reader;
    private final TaskBundleWriter writer;
    private final ActingParties actingParties;
    private final PrescriptionCommands commands;
    private final PrescriptionViews views;

    @PostMapping(FhirPaths.TASK_CREATE)
    ResponseEntity<byte[]> create(@RequestBody(required = false) byte[] body, HttpServletRequest request) {
        return calls.create(body, request, (bundle, idempotencyKey) -> {
            IssueRequest issue = reader.read(bundle);
            Actor actor = actingParties.prescriber(issue.prescriberId(), issue.institutionId());
            PrescriptionId id = issue.prescriptionId() == null
                    ? PrescriptionId.random()
                    : new PrescriptionId(issue.prescriptionId());
            boolean issuedBefore = issue.prescriptionId() != null && views.find(id).isPresent();
            return new TaskOperationCalls.Created(
                    writer.issued(commands.issue(issue.toCommand(id), actor, idempotencyKey)), issuedBefore);
        });
    }
}
