package org.eprescription.api.prescription;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import lombok.RequiredArgsConstructor;
import org.eprescription.api.openapi.ProblemAnswers;
import org.eprescription.core.refusal.Refusal;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.headers.Header;
import org.eprescription.api.idempotency.IdempotencyKey;
import jakarta.validation.Valid;
import org.eprescription.api.actor.ActingParties;
import org.eprescription.api.actor.Actor;
import org.eprescription.core.ids.PrescriptionId;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.net.URI;
import java.util.UUID;

/** The prescriber's side: issue, read (also live) and cancel prescriptions. */
@Tag(name = "prescriptions")
@RestController
@RequestMapping("/api/v1/prescriptions")
@RequiredArgsConstructor
public class PrescriptionController {

    private final PrescriptionViews views;
    private final ActingParties actingParties;
    private final PrescriptionCommands prescriptionCommands;
    private final PrescriptionReads reads;
    private final PrescriptionStreams streams;

    @Operation(operationId = "issuePrescription", summary = "Issue a prescription",
            description = "A prescriber issues for its institution. Answers the prescription view with its "
                    + "exchangeCode and the alerts the issue raised; the same prescriptionId and body again answer the "
                    + "same (200).")
    @ApiResponse(responseCode = "201", description = "Issued",
            headers = @Header(name = "Location", description = "the new prescription",
                    schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "200", description = "Issued before with this prescriptionId and body")
    @ProblemAnswers(refusals = {Refusal.INVALID_LINES, Refusal.UNKNOWN_DRUG, Refusal.DAYS_ABOVE_LONGEST_SUPPLY,
            Refusal.TOO_MANY_REFILLS, Refusal.REFILL_NOT_ALLOWED, Refusal.VALID_UNTIL_BEFORE_ISSUE,
            Refusal.VALID_UNTIL_BEYOND_HORIZON, Refusal.DIFFERENT_ISSUE_UNDER_SAME_ID},
            problems = "503 code-contended")
    @PostMapping
    public ResponseEntity<PrescriptionResponse> issue(@Valid @RequestBody IssueRequest request,
                                                      @IdempotencyKey String idempotencyKey) {
        Actor actor = actingParties.prescriber(request.prescriberId(), request.institutionId());
        PrescriptionId id = request.prescriptionId() == null
                ? PrescriptionId.random()
                : new PrescriptionId(request.prescriptionId());
        boolean known = request.prescriptionId() != null && views.find(id).isPresent();
        PrescriptionResponse body = prescriptionCommands.issue(request.toCommand(id), actor, idempotencyKey);
        if (known) {
            return ResponseEntity.ok(body);
        }
        return ResponseEntity.created(URI.create("/api/v1/prescriptions/" + id)).body(body);
    }

    @Operation(operationId = "getPrescription", summary = "Read a prescription",
            description = "For its patient, a prescriber of its institution, the pharmacy that holds or dispensed it "
                    + "and auditors: the prescription view with its alerts. One that does not exist is 404; "
                    + "anyone else gets 403.")
    @ProblemAnswers(problems = "404 not-found")
    @GetMapping("/{id}")
    public PrescriptionResponse get(@PathVariable UUID id) {
        return reads.response(new PrescriptionId(id));
    }

    /** {@code snapshot} and {@code change} carry the body of {@link #get}. */
    @Operation(operationId = "streamPrescription", summary = "Follow a prescription live",
            description = "Server-Sent Events for whoever may read the prescription: a snapshot, then a change with "
                    + "the body of GET /prescriptions/{id} whenever it changes (docs/http-api.md, \"Live streams\").")
    @ProblemAnswers(problems = "404 not-found")
    @GetMapping(path = "/{id}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream(@PathVariable UUID id) {
        return streams.prescription(new PrescriptionId(id));
    }

    @Operation(operationId = "cancelPrescription", summary = "Cancel a prescription",
            description = "A prescriber of the issuing institution. Answers the view: CANCELLED or, while a pharmacy "
                    + "holds it, cancellationRequested.")
    @ProblemAnswers(refusals = {Refusal.NOT_THE_ISSUING_INSTITUTION, Refusal.NOT_CANCELLABLE},
            problems = {"404 not-found"})
    @PostMapping("/{id}/cancel")
    public PrescriptionResponse cancel(@PathVariable UUID id, @Valid @RequestBody CancelRequest request,
                                       @IdempotencyKey String idempotencyKey) {
        PrescriptionId prescriptionId = new PrescriptionId(id);
        Actor actor = actingParties.prescriber();
        return prescriptionCommands.send(prescriptionId, () -> request.toCommand(prescriptionId, actor), actor,
                idempotencyKey);
    }
}
