package org.eprescription.api.alerts;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import lombok.RequiredArgsConstructor;
import org.eprescription.api.openapi.ProblemAnswers;
import org.eprescription.core.refusal.Refusal;
import org.eprescription.api.idempotency.IdempotencyKey;
import jakarta.validation.Valid;
import org.eprescription.api.actor.ActingParties;
import org.eprescription.api.actor.Actor;
import org.eprescription.api.command.CommandSender;
import org.eprescription.api.problem.UnknownResourceException;
import org.eprescription.api.security.ResourceAccess;
import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.ids.Party;
import org.eprescription.core.prescription.command.AcknowledgeAlert;
import org.eprescription.query.alerts.query.AlertView;
import org.eprescription.query.alerts.store.Conflict;
import org.eprescription.query.alerts.query.DraftAlerts;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Optional;
import java.util.Objects;
import java.util.UUID;

/** Duplicate and interaction alerts: the check before issuing, and the acknowledgement after. */
@Tag(name = "alerts")
@RestController
@RequestMapping("/api/v1")
@RequiredArgsConstructor
public class AlertController {

    private final DraftCheck draftCheck;
    private final AlertViews alerts;
    private final CommandSender commands;
    private final ActingParties actingParties;
    private final ResourceAccess access;

    /**
     * The draft's alerts, and what its check could compare ({@link AlertCheck}; no time: it records nothing). With
     * alerts switched off no {@code alerts} at all, and {@code performed: false}: an empty list would say "nothing
     * found".
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DuplicateCheckResponse(List<AlertView> alerts, AlertCheck alertCheck) {

        static DuplicateCheckResponse of(Optional<DraftAlerts> performed) {
            return performed.map(check -> new DuplicateCheckResponse(check.alerts(), AlertCheck.ofDraft(
                            check.catalogueVersion(), check.complete(), check.unknownDrugCodes(), check.unchecked())))
                    .orElseGet(() -> new DuplicateCheckResponse(null, AlertCheck.notPerformed()));
        }
    }

    /** What would conflict if this draft were issued; changes nothing ({@link DraftCheck}). */
    @Operation(operationId = "checkDuplicates", summary = "Check a draft for duplicates and interactions",
            description = "A prescriber or pharmacist: the alerts the draft's lines would raise, changing nothing. "
                    + "With the intended prescriptionId the alert ids are those the issued prescription will carry.")
    @ProblemAnswers(refusals = {Refusal.INVALID_LINES, Refusal.UNKNOWN_DRUG, Refusal.START_DATE_OUT_OF_RANGE})
    @PostMapping("/duplicate-checks")
    public DuplicateCheckResponse check(@Valid @RequestBody DuplicateCheckRequest request) {
        return DuplicateCheckResponse.of(draftCheck.check(request));
    }

    @Operation(operationId = "acknowledgeAlert", summary = "Acknowledge an alert",
            description = "A prescriber of the issuing institution or a pharmacist of a pharmacy that accepted the "
                    + "prescription. Covers the conflicts named in conflictIds, or all the alert has now.")
    @ProblemAnswers(refusals = {Refusal.NOT_INVOLVED, Refusal.UNKNOWN_CONFLICT},
            problems = "404 not-found")
    @PostMapping("/prescriptions/{id}/alerts/{alertId}/acknowledge")
    public AlertView acknowledge(@PathVariable UUID id, @PathVariable String alertId,
                                 @Valid @RequestBody AcknowledgeRequest request,
                                 @IdempotencyKey String idempotencyKey) {
        PrescriptionId prescriptionId = new PrescriptionId(id);
        AlertId alert = AlertId.of(alertId);
        Actor actor = actingParties.provider(request.pharmacyId(), request.pharmacistId());
        Party acknowledgedBy = actor.role() == Actor.Role.PHARMACIST
                ? Party.pharmacist(PharmacistId.of(actor.userId()), PharmacyId.of(actor.organisationId()))
                : Party.prescriber(PrescriberId.of(actor.userId()), InstitutionId.of(actor.organisationId()));
        long version = access.commandOn(prescriptionId, () -> {
            AlertView seen = requireAlertIn(alerts.forPrescription(prescriptionId), alert);
            return commands.send(new AcknowledgeAlert(prescriptionId, alert, request.reason(), acknowledgedBy,
                            covered(request.conflictIds(), seen, prescriptionId)),
                    actor, idempotencyKey);
        });
        return requireAlertIn(alerts.forPrescriptionAtVersion(prescriptionId, version), alert);
    }

    /**
     * The conflicts the acknowledgement covers: those it names; else, for an alert another prescription raised (whose
     * conflicts this prescription's record does not hold), those the alert shows now, so that the event names them and
     * no projection has to guess them later (docs/alerts.md, "Acknowledging"); else null, and the prescription's own
     * record of the alert decides.
     */
    private static List<String> covered(List<String> named, AlertView seen, PrescriptionId prescriptionId) {
        if (named != null || prescriptionId.equals(seen.prescriptionId())) {
            return named;
        }
        return seen.conflicts().stream().map(Conflict::conflictId).filter(Objects::nonNull).toList();
    }

    private static AlertView requireAlertIn(List<AlertView> candidates, AlertId alert) {
        return candidates.stream().filter(view -> view.alertId().equals(alert)).findFirst()
                .orElseThrow(() -> new UnknownResourceException("no alert " + alert + " on this prescription"));
    }
}
