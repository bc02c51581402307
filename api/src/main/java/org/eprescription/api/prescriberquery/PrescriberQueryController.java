package org.eprescription.api.prescriberquery;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import lombok.RequiredArgsConstructor;
import org.eprescription.api.openapi.ProblemAnswers;
import org.eprescription.api.prescription.PrescriptionCommands;
import org.eprescription.api.prescription.PrescriptionReads;
import org.eprescription.api.problem.UnknownResourceException;
import org.eprescription.core.refusal.Refusal;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.headers.Header;
import org.eprescription.api.idempotency.IdempotencyKey;
import jakarta.validation.Valid;
import org.eprescription.api.actor.ActingParties;
import org.eprescription.api.actor.Actor;
import org.eprescription.api.prescription.PrescriptionResponse;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.ids.QueryId;
import org.eprescription.core.prescription.command.AnswerQuery;
import org.eprescription.core.prescription.command.QueryPrescriber;
import org.eprescription.query.prescription.PrescriberQuery;
import org.eprescription.query.prescription.PrescriptionView;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.UUID;

/**
 * A pharmacist's query to the prescriber (疑義照会): the holding pharmacy asks, possibly proposing changed lines; the
 * issuing institution answers, and an accepted change amends the prescription (docs/domain.md, "A query to the
 * prescriber").
 */
@Tag(name = "prescriber-queries")
@RestController
@RequestMapping("/api/v1/prescriptions/{id}/queries")
@RequiredArgsConstructor
public class PrescriberQueryController {

    private final PrescriptionCommands prescriptionCommands;
    private final ActingParties actingParties;
    private final PrescriptionReads prescriptionReads;

    /** The query the {@code Location} of its {@code POST} names, for whoever may read the prescription. */
    @Operation(operationId = "getPrescriberQuery", summary = "Read a query to the prescriber",
            description = "For whoever may read the prescription: the query, and its answer once given.")
    @ProblemAnswers(problems = "404 not-found")
    @GetMapping("/{queryId}")
    public QueryResponse get(@PathVariable UUID id, @PathVariable UUID queryId) {
        PrescriptionId prescriptionId = new PrescriptionId(id);
        QueryId wanted = new QueryId(queryId);
        PrescriptionView view = prescriptionReads.readable(prescriptionId,
                "query " + wanted.value() + " of prescription " + prescriptionId);
        return view.queries().stream()
                .filter(query -> query.queryId().equals(wanted))
                .findFirst()
                .map(query -> new QueryResponse(prescriptionId.asString(), query))
                .orElseThrow(() -> new UnknownResourceException("prescription " + prescriptionId
                        + " has no query " + wanted.value()));
    }

    /** 201 with the query, once the prescription view shows it. */
    @Operation(operationId = "askPrescriber", summary = "Query the prescriber",
            description = "A pharmacist of the holding pharmacy asks the issuing institution (疑義照会), possibly "
                    + "proposing changed lines. Answers the query, OPEN.")
    @ApiResponse(responseCode = "201", description = "Asked",
            headers = @Header(name = "Location", description = "the query", schema = @Schema(type = "string")))
    @ProblemAnswers(refusals = {Refusal.NOT_HELD, Refusal.NOT_THE_HOLDING_PHARMACY, Refusal.INVALID_LINES,
            Refusal.UNKNOWN_DRUG, Refusal.DAYS_ABOVE_LONGEST_SUPPLY, Refusal.TOO_MANY_REFILLS,
            Refusal.REFILL_NOT_ALLOWED, Refusal.NO_CHANGE_PROPOSED, Refusal.LINE_ALREADY_DISPENSED,
            Refusal.DIFFERENT_QUERY_UNDER_SAME_ID},
            problems = {"404 not-found"})
    @PostMapping
    public ResponseEntity<QueryResponse> ask(@PathVariable UUID id, @Valid @RequestBody QueryRequest request,
                                             @IdempotencyKey String idempotencyKey) {
        PrescriptionId prescriptionId = new PrescriptionId(id);
        Actor actor = actingParties.pharmacist(request.pharmacyId(), request.pharmacistId());
        QueryId queryId = QueryId.random();
        PrescriptionView view = prescriptionCommands.sendForView(prescriptionId, () -> new QueryPrescriber(
                prescriptionId, queryId, PharmacyId.of(actor.organisationId()), PharmacistId.of(actor.userId()),
                request.question(), request.lines()), actor, idempotencyKey);
        PrescriberQuery query = view.queries().stream()
                .filter(asked -> asked.queryId().equals(queryId))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("query " + queryId + " is not in the view at version "
                        + view.version()));
        return ResponseEntity.created(URI.create("/api/v1/prescriptions/" + id + "/queries/" + queryId))
                .body(new QueryResponse(prescriptionId.asString(), query));
    }

    /**
     * The prescription view; with an accepted change, the alerts the amendment's check raised and {@code alertCheck},
     * as an issue answers them; otherwise its alerts as a read shows them.
     */
    @Operation(operationId = "answerQuery", summary = "Answer a pharmacist's query",
            description = "A prescriber of the issuing institution. With acceptChange the proposed lines amend the "
                    + "prescription and the answer adds the alerts the amendment's check raised.")
    @ProblemAnswers(refusals = {Refusal.NOT_THE_ISSUING_INSTITUTION, Refusal.UNKNOWN_QUERY,
            Refusal.QUERY_ALREADY_ANSWERED, Refusal.NO_CHANGE_PROPOSED, Refusal.NOT_AMENDABLE,
            Refusal.LINE_ALREADY_DISPENSED, Refusal.INVALID_LINES, Refusal.UNKNOWN_DRUG,
            Refusal.DAYS_ABOVE_LONGEST_SUPPLY, Refusal.TOO_MANY_REFILLS, Refusal.REFILL_NOT_ALLOWED},
            problems = {"404 not-found"})
    @PostMapping("/{queryId}/answer")
    public PrescriptionResponse answer(@PathVariable UUID id, @PathVariable UUID queryId,
                                       @Valid @RequestBody AnswerRequest request,
                                       @IdempotencyKey String idempotencyKey) {
        PrescriptionId prescriptionId = new PrescriptionId(id);
        Actor actor = actingParties.prescriber();
        AnswerQuery command = new AnswerQuery(prescriptionId, new QueryId(queryId),
                InstitutionId.of(actor.organisationId()), PrescriberId.of(actor.userId()), request.answer(),
                request.acceptChange());
        return prescriptionCommands.sendPerhapsChecked(prescriptionId, command, actor, idempotencyKey);
    }
}
