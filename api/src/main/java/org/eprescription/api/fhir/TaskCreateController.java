package org.eprescription.api.fhir;

import jakarta.servlet.http.HttpServletRequest;
import lombok.RequiredArgsConstructor;
import org.eprescription.api.actor.ActingParties;
import org.eprescription.api.actor.Actor;
import org.eprescription.api.prescription.IssueRequest;
import org.eprescription.api.prescription.PrescriptionCommands;
import org.eprescription.core.ids.PrescriptionId;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /fhir/Task/$create}: issues a prescription from a FHIR Bundle. The Bundle becomes the JSON API's issue
 * body and goes the JSON API's way: the token decides who acts, the command sender records it, the aggregate
 * decides; what the issue's check recorded comes back as DetectedIssues.
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

    @PostMapping(FhirPaths.TASK_CREATE)
    ResponseEntity<byte[]> create(@RequestBody(required = false) byte[] body, HttpServletRequest request) {
        return calls.create(body, request, (bundle, idempotencyKey) -> {
            IssueRequest issue = reader.read(bundle);
            Actor actor = actingParties.prescriber(issue.prescriberId(), issue.institutionId());
            return writer.issued(commands.issue(issue.toCommand(PrescriptionId.random()), actor, idempotencyKey));
        });
    }
}
