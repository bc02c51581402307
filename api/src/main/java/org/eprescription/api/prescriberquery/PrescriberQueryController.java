package org.eprescription.api.prescriberquery;

import org.eprescription.api.idempotency.IdempotencyKeyHeader;
import jakarta.validation.Valid;
import org.eprescription.api.actor.ActingParties;
import org.eprescription.api.actor.Actor;
import org.eprescription.api.command.CommandSender;
import org.eprescription.api.prescription.PrescriptionResponse;
import org.eprescription.api.prescription.PrescriptionResponses;
import org.eprescription.api.prescription.PrescriptionViews;
import org.eprescription.api.security.ResourceAccess;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.ids.QueryId;
import org.eprescription.core.prescription.CommandOutcome;
import org.eprescription.core.prescription.command.AnswerQuery;
import org.eprescription.core.prescription.command.QueryPrescriber;
import org.eprescription.query.prescription.PrescriberQuery;
import org.eprescription.query.prescription.PrescriptionView;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.UUID;

/**
 * A pharmacist's query to the prescriber (疑義照会): the holding pharmacy asks, possibly proposing changed lines; the
 * issuing institution answers, and an accepted change amends the prescription (docs/domain.md, "A query to the
 * prescriber").
 */
@RestController
@RequestMapping("/api/v1/prescriptions/{id}/queries")
public class PrescriberQueryController {

    private final CommandSender commands;
    private final PrescriptionViews views;
    private final PrescriptionResponses responses;
    private final ActingParties actingParties;
    private final ResourceAccess access;

    public PrescriberQueryController(CommandSender commands, PrescriptionViews views, PrescriptionResponses responses,
                                     ActingParties actingParties, ResourceAccess access) {
        this.commands = commands;
        this.views = views;
        this.responses = responses;
        this.actingParties = actingParties;
        this.access = access;
    }

    /** 201 with the query, once the prescription view shows it. */
    @PostMapping
    public ResponseEntity<QueryResponse> ask(@PathVariable UUID id, @Valid @RequestBody QueryRequest request,
                                             @RequestHeader(value = IdempotencyKeyHeader.NAME, required = false)
                                             String idempotencyKey) {
        PrescriptionId prescriptionId = new PrescriptionId(id);
        Actor actor = actingParties.pharmacist(request.pharmacyId(), request.pharmacistId());
        QueryId queryId = QueryId.random();
        long version = access.commandOn(prescriptionId, () -> commands.send(new QueryPrescriber(prescriptionId,
                queryId, PharmacyId.of(actor.organisationId()), PharmacistId.of(actor.userId()), request.question(),
                request.lines()), actor, idempotencyKey));
        PrescriptionView view = views.awaitVersion(prescriptionId, version);
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
    @PostMapping("/{queryId}/answer")
    public PrescriptionResponse answer(@PathVariable UUID id, @PathVariable UUID queryId,
                                       @Valid @RequestBody AnswerRequest request,
                                       @RequestHeader(value = IdempotencyKeyHeader.NAME, required = false)
                                       String idempotencyKey) {
        PrescriptionId prescriptionId = new PrescriptionId(id);
        Actor actor = actingParties.prescriber();
        AnswerQuery command = new AnswerQuery(prescriptionId, new QueryId(queryId),
                InstitutionId.of(actor.organisationId()), PrescriberId.of(actor.userId()), request.answer(),
                request.acceptChange());
        CommandOutcome outcome = access.commandOn(prescriptionId,
                () -> commands.sendForOutcome(command, actor, idempotencyKey));
        return outcome.check() == null
                ? responses.afterCommand(prescriptionId, outcome.version())
                : responses.dispensed(prescriptionId, outcome);
    }
}
