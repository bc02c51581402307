package org.eprescription.api.pharmacy;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import lombok.RequiredArgsConstructor;
import org.eprescription.api.openapi.ProblemAnswers;
import org.eprescription.api.prescription.PrescriptionCommands;
import org.eprescription.core.refusal.Refusal;
import org.eprescription.api.idempotency.IdempotencyKey;
import jakarta.validation.Valid;
import org.eprescription.api.actor.ActingParties;
import org.eprescription.api.actor.Actor;
import org.eprescription.api.prescription.PrescriptionResponse;
import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.command.CorrectDispensing;
import org.eprescription.core.prescription.command.DispensePrescription;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * The pharmacy's side: accept with the patient's exchange code, release, dispense, and correct or withdraw a
 * dispensing it recorded today (docs/domain.md, "Correcting a dispensing").
 */
@Tag(name = "prescriptions")
@RestController
@RequestMapping("/api/v1/prescriptions")
@RequiredArgsConstructor
public class PharmacyController {

    private final PrescriptionCommands prescriptionCommands;
    private final ActingParties actingParties;
    private final AcceptWithCode acceptWithCode;

    /**
     * A pharmacy that keeps sending codes that name no prescription is locked out for a while, and so is a
     * prescription whose code comes with wrong birth dates ({@link AcceptWithCode}). The answer shows the pharmacy
     * the patient's prescription, so it is in the patient's access log like any read.
     */
    @Operation(operationId = "acceptPrescription", summary = "Accept a prescription with its exchange code",
            description = "A pharmacist, for its pharmacy, with the code and the patient's birth date. Answers the "
                    + "view, ACCEPTED. Too many codes that name no prescription lock the pharmacy out for a while "
                    + "(429).")
    @ProblemAnswers(refusals = {Refusal.UNKNOWN_EXCHANGE_CODE, Refusal.HELD_BY_ANOTHER_PHARMACY,
            Refusal.REFILL_WINDOW_NOT_OPEN, Refusal.NOT_ACCEPTABLE_NOW},
            problems = "429 too-many-attempts")
    @PostMapping("/accept")
    public PrescriptionResponse accept(@Valid @RequestBody AcceptRequest request,
                                       @IdempotencyKey String idempotencyKey) {
        PharmacyId pharmacy = PharmacyId.of(request.pharmacyId());
        PharmacistId pharmacist = PharmacistId.of(request.pharmacistId());
        Actor actor = actingParties.pharmacist(pharmacist, pharmacy);
        return acceptWithCode.accept(request.exchangeCode(), request.patientBirthDate(), pharmacy, pharmacist, actor,
                idempotencyKey);
    }

    @Operation(operationId = "releasePrescription", summary = "Release a held prescription",
            description = "A pharmacist of the holding pharmacy hands it back, so another pharmacy can accept it.")
    @ProblemAnswers(refusals = {Refusal.NOT_HELD, Refusal.NOT_THE_HOLDING_PHARMACY},
            problems = {"404 not-found"})
    @PostMapping("/{id}/release")
    public PrescriptionResponse release(@PathVariable UUID id, @Valid @RequestBody ReleaseRequest request,
                                        @IdempotencyKey String idempotencyKey) {
        PrescriptionId prescriptionId = new PrescriptionId(id);
        PharmacyId pharmacy = PharmacyId.of(request.pharmacyId());
        Actor actor = actingParties.pharmacy(pharmacy);
        return prescriptionCommands.send(prescriptionId, () -> request.toCommand(prescriptionId), actor, idempotencyKey);
    }

    @Operation(operationId = "dispensePrescription", summary = "Record a dispensing",
            description = "A pharmacist of the holding pharmacy. Answers the view and the alerts the dispensing's "
                    + "check raised; completesUse ends the current use (a refill is scheduled, or the prescription "
                    + "completes).")
    @ProblemAnswers(refusals = {Refusal.NOT_HELD, Refusal.NOT_THE_HOLDING_PHARMACY, Refusal.INVALID_DISPENSE,
            Refusal.UNKNOWN_LINE, Refusal.UNKNOWN_DRUG, Refusal.SUPPLY_LONGER_THAN_PRESCRIBED,
            Refusal.QUANTITY_EXCEEDS_REMAINING, Refusal.SUBSTITUTE_NOT_EQUIVALENT, Refusal.SUBSTITUTE_OTHER_FORM,
            Refusal.SUBSTITUTE_NOT_DOSE_EQUIVALENT, Refusal.SUBSTITUTE_NOT_VERIFIABLE, Refusal.REFILL_NOT_ALLOWED,
            Refusal.DAYS_ABOVE_LONGEST_SUPPLY},
            problems = {"404 not-found"})
    @PostMapping("/{id}/dispense")
    public PrescriptionResponse dispense(@PathVariable UUID id, @Valid @RequestBody DispenseRequest request,
                                         @IdempotencyKey String idempotencyKey) {
        PrescriptionId prescriptionId = new PrescriptionId(id);
        Actor actor = actingParties.pharmacist(PharmacistId.of(request.pharmacistId()),
                PharmacyId.of(request.pharmacyId()));
        DispensePrescription command = request.toCommand(prescriptionId);
        return prescriptionCommands.dispense(prescriptionId, command, actor, idempotencyKey);
    }

    /**
     * Answers the view and, as a dispensing does, the alerts the correction's check raised. {@code sequence} is the
     * dispensing's number in the prescription view's {@code dispensings}.
     */
    @Operation(operationId = "correctDispensing", summary = "Correct or withdraw a dispensing",
            description = "A pharmacist of the pharmacy that recorded it, on the day of the dispensing: with items "
                    + "corrects it, without withdraws it. sequence is its number in the view's dispensings.")
    @ProblemAnswers(refusals = {Refusal.UNKNOWN_DISPENSING, Refusal.NOT_THE_DISPENSING_PHARMACY,
            Refusal.DISPENSING_WITHDRAWN, Refusal.CORRECTION_DAY_PASSED, Refusal.USE_ALREADY_COMPLETED,
            Refusal.SUPPLY_STOPPED_BY_CANCELLATION,
            Refusal.INVALID_DISPENSE, Refusal.UNKNOWN_LINE, Refusal.UNKNOWN_DRUG, Refusal.SUPPLY_LONGER_THAN_PRESCRIBED,
            Refusal.QUANTITY_EXCEEDS_REMAINING, Refusal.SUBSTITUTE_NOT_EQUIVALENT, Refusal.SUBSTITUTE_OTHER_FORM,
            Refusal.SUBSTITUTE_NOT_DOSE_EQUIVALENT, Refusal.SUBSTITUTE_NOT_VERIFIABLE, Refusal.REFILL_NOT_ALLOWED,
            Refusal.DAYS_ABOVE_LONGEST_SUPPLY},
            problems = {"404 not-found"})
    @PostMapping("/{id}/dispensings/{sequence}/correct")
    public PrescriptionResponse correct(@PathVariable UUID id, @PathVariable int sequence,
                                        @Valid @RequestBody CorrectDispensingRequest request,
                                        @IdempotencyKey String idempotencyKey) {
        PrescriptionId prescriptionId = new PrescriptionId(id);
        Actor actor = actingParties.pharmacist(request.pharmacyId(), request.pharmacistId());
        CorrectDispensing command = new CorrectDispensing(prescriptionId, PharmacyId.of(actor.organisationId()),
                PharmacistId.of(actor.userId()), sequence, request.reason(), request.dispensedItems());
        return prescriptionCommands.dispense(prescriptionId, command, actor, idempotencyKey);
    }
}
