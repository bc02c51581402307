package org.eprescription.api.pharmacy;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import lombok.RequiredArgsConstructor;
import org.eprescription.api.openapi.ProblemAnswers;
import org.eprescription.api.prescription.PrescriptionCommands;
import org.eprescription.core.refusal.Refusal;
import org.eprescription.api.idempotency.IdempotencyKeyHeader;
import jakarta.validation.Valid;
import org.eprescription.api.actor.ActingParties;
import org.eprescription.api.actor.Actor;
import org.eprescription.api.prescription.PrescriptionResponse;
import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.command.CorrectDispensing;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * A pharmacy corrects or withdraws a dispensing it recorded today (docs/domain.md, "Correcting a dispensing").
 * {@code sequence} is the dispensing's number in the prescription view's {@code dispensings}.
 */
@Tag(name = "prescriptions")
@RestController
@RequestMapping("/api/v1/prescriptions")
@RequiredArgsConstructor
public class DispensingCorrectionController {

    private final PrescriptionCommands prescriptionCommands;
    private final ActingParties actingParties;

    /** Answers the view and, as a dispensing does, the alerts the correction's check raised. */
    @Operation(operationId = "correctDispensing", summary = "Correct or withdraw a dispensing",
            description = "A pharmacist of the pharmacy that recorded it, on the day of the dispensing: with items "
                    + "corrects it, without withdraws it. sequence is its number in the view's dispensings.")
    @ProblemAnswers(refusals = {Refusal.UNKNOWN_DISPENSING, Refusal.NOT_THE_DISPENSING_PHARMACY,
            Refusal.DISPENSING_WITHDRAWN, Refusal.CORRECTION_DAY_PASSED, Refusal.USE_ALREADY_COMPLETED,
            Refusal.INVALID_DISPENSE, Refusal.UNKNOWN_LINE, Refusal.UNKNOWN_DRUG, Refusal.SUPPLY_LONGER_THAN_PRESCRIBED,
            Refusal.QUANTITY_EXCEEDS_REMAINING, Refusal.SUBSTITUTE_NOT_EQUIVALENT, Refusal.SUBSTITUTE_OTHER_FORM,
            Refusal.SUBSTITUTE_NOT_DOSE_EQUIVALENT, Refusal.SUBSTITUTE_NOT_VERIFIABLE}, problems = "503 view-not-ready")
    @PostMapping("/{id}/dispensings/{sequence}/correct")
    public PrescriptionResponse correct(@PathVariable UUID id, @PathVariable int sequence,
                                        @Valid @RequestBody CorrectDispensingRequest request,
                                        @RequestHeader(value = IdempotencyKeyHeader.NAME, required = false)
                                        String idempotencyKey) {
        PrescriptionId prescriptionId = new PrescriptionId(id);
        Actor actor = actingParties.pharmacist(request.pharmacyId(), request.pharmacistId());
        CorrectDispensing command = new CorrectDispensing(prescriptionId, PharmacyId.of(actor.organisationId()),
                PharmacistId.of(actor.userId()), sequence, request.reason(), request.dispensedItems());
        return prescriptionCommands.dispense(prescriptionId, command, actor, idempotencyKey);
    }
}
