package org.eprescription.api.record;

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
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.eprescription.api.actor.ActingParties;
import org.eprescription.api.actor.Actor;
import org.eprescription.api.command.CommandSender;
import org.eprescription.api.command.CommandSideWrite;
import org.eprescription.api.alerts.AlertCheck;
import org.eprescription.api.privacy.AccessLog;
import org.eprescription.api.security.ResourceAccess;
import org.eprescription.api.problem.UnknownResourceException;
import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.Party;
import org.eprescription.core.record.RecordOutcome;
import org.eprescription.core.record.command.CorrectDispensingRecord;
import org.eprescription.core.record.command.WithdrawDispensingRecord;
import org.eprescription.core.record.event.DispensingRecordChecked;
import org.eprescription.query.alerts.query.AlertQueries;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.UUID;
import java.util.List;
import java.util.function.Supplier;

/**
 * Dispensings without an electronic prescription (docs/http-api.md, "Registered dispensings"): a pharmacy registers
 * what it dispensed against a paper prescription, an institution what it dispensed in-house, so that the duplicate
 * check sees all of the patient's medicine; the registering party corrects or withdraws it the same day. Who
 * registers is the token's pharmacist (or, for a token that is not only a pharmacist's, its prescriber).
 */
@Tag(name = "dispensing-records")
@RestController
@RequestMapping("/api/v1/dispensing-records")
@RequiredArgsConstructor
public class DispensingRecordController {

    private final CommandSender commands;
    private final ActingParties actingParties;
    private final DispensingRecordReads records;
    private final ResourceAccess access;
    private final AlertQueries alertQueries;
    private final DrugCatalogue catalogue;
    private final AccessLog accessLog;

    @Operation(operationId = "registerDispensingRecord",
            summary = "Register a dispensing without an electronic prescription",
            description = "A pharmacy (paper prescription) or an institution (in-house dispensing) registers what it "
                    + "dispensed, so the duplicate check sees it. Answers the record and the alerts its check found; "
                    + "the same recordId and body again answer the same (200).")
    @ApiResponse(responseCode = "201", description = "Registered",
            headers = @Header(name = "Location", description = "the record", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "200", description = "Registered before with this recordId and body")
    @ProblemAnswers(refusals = {Refusal.INVALID_RECORD_ITEMS, Refusal.UNKNOWN_DRUG,
            Refusal.DIFFERENT_RECORD_UNDER_SAME_ID})
    @PostMapping
    public ResponseEntity<DispensingRecordResponse> register(@Valid @RequestBody RegisterRecordRequest request,
                                                             @IdempotencyKey String idempotencyKey) {
        Actor actor = actingParties.provider(null, null);
        DispensingRecordId id = request.recordId() == null
                ? DispensingRecordId.random()
                : new DispensingRecordId(request.recordId());
        RecordOutcome outcome = commands.sendForResult(request.toCommand(id, partyOf(actor)), actor, idempotencyKey,
                RecordOutcome.class, logRead(id));
        DispensingRecordResponse body = answer(outcome);
        if (outcome.alreadyRegistered()) {
            return ResponseEntity.ok(body);
        }
        return ResponseEntity.created(URI.create("/api/v1/dispensing-records/" + id.asString())).body(body);
    }

    /** The record its registration's {@code Location} names, as it is now. */
    @Operation(operationId = "getDispensingRecord", summary = "Read a registered dispensing",
            description = "For the pharmacy or institution that registered it, its patient and auditors: the record "
                    + "as it is now (corrected or withdrawn included) with the alerts its latest check raised. "
                    + "An unknown record is 404; another's 403.")
    @ProblemAnswers(problems = "404 not-found")
    @GetMapping("/{recordId}")
    public DispensingRecordResponse get(@PathVariable UUID recordId) {
        DispensingRecordId id = new DispensingRecordId(recordId);
        RecordOutcome outcome = records.current(id).orElseThrow(() -> unknownRecord(id));
        access.requireRecordReader(outcome.record());
        accessLog.read(outcome.record().patientId(), "dispensing record " + id.asString());
        return answer(outcome);
    }

    /**
     * With items: the record's items are replaced and checked again; without: the record is withdrawn. Only on the
     * day of the dispensing, by the pharmacy or institution that registered it; anyone else gets 403, and a record
     * that does not exist is 404.
     */
    @Operation(operationId = "correctDispensingRecord", summary = "Correct or withdraw a registered dispensing",
            description = "The pharmacy or institution that registered it, on the day of the dispensing: with items "
                    + "replaces them, without withdraws the record. Anyone else gets 403; an unknown record is 404.")
    @ProblemAnswers(refusals = {Refusal.NOT_THE_REGISTERING_PARTY, Refusal.RECORD_CORRECTION_CLOSED,
            Refusal.RECORD_WITHDRAWN, Refusal.INVALID_RECORD_ITEMS, Refusal.UNKNOWN_DRUG},
            problems = "404 not-found")
    @PostMapping("/{recordId}/correct")
    public DispensingRecordResponse correct(@PathVariable UUID recordId,
                                            @Valid @RequestBody CorrectRecordRequest request,
                                            @IdempotencyKey String idempotencyKey) {
        Actor actor = actingParties.provider(null, null);
        Party party = partyOf(actor);
        DispensingRecordId id = new DispensingRecordId(recordId);
        Object command = request.withdraws()
                ? new WithdrawDispensingRecord(id, party, request.reason())
                : new CorrectDispensingRecord(id, party, request.reason(),
                RegisterRecordRequest.toItems(request.items()));
        RecordOutcome outcome = unknownAsNotFound(id, () ->
                commands.sendForResult(command, actor, idempotencyKey, RecordOutcome.class, logRead(id)));
        return answer(outcome);
    }

    /**
     * The answer shows what the patient's other medicine conflicts with: a read of the patient's data, in the access
     * log with the command that made it (docs/architecture.md, "Writes beside a command"); a refused command shows
     * nothing of it, and is not one.
     */
    private CommandSideWrite logRead(DispensingRecordId id) {
        return handled -> accessLog.read(((RecordOutcome) handled.result()).record().patientId(),
                "dispensing record " + id.asString());
    }

    private DispensingRecordResponse answer(RecordOutcome outcome) {
        DispensingRecordChecked check = outcome.check();
        return DispensingRecordResponse.of(outcome.record(), catalogue,
                check == null ? null : alertQueries.recordedViews(check),
                check == null ? AlertCheck.of(null, null, List.of())
                        : AlertCheck.of(check.catalogueVersion(), check.checkedAt(), check.unknownDrugCodes(),
                        check.unchecked()));
    }

    /** A command on a record that was never registered: 404 naming the record (not Axon's aggregate). */
    private static RecordOutcome unknownAsNotFound(DispensingRecordId id, Supplier<RecordOutcome> command) {
        try {
            return command.get();
        } catch (RuntimeException failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
                if (cause instanceof AggregateNotFoundException) {
                    throw unknownRecord(id);
                }
            }
            throw failure;
        }
    }

    private static UnknownResourceException unknownRecord(DispensingRecordId id) {
        return new UnknownResourceException("no dispensing record " + id.asString());
    }

    private static Party partyOf(Actor actor) {
        return actor.role() == Actor.Role.PHARMACIST
                ? Party.pharmacist(PharmacistId.of(actor.userId()), PharmacyId.of(actor.organisationId()))
                : Party.prescriber(PrescriberId.of(actor.userId()), InstitutionId.of(actor.organisationId()));
    }
}
