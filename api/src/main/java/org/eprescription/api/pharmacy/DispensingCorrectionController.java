package org.eprescription.api.pharmacy;

import org.eprescription.api.idempotency.IdempotencyKeyHeader;
import jakarta.validation.Valid;
import org.eprescription.api.actor.ActingParties;
import org.eprescription.api.actor.Actor;
import org.eprescription.api.command.CommandSender;
import org.eprescription.api.prescription.PrescriptionResponse;
import org.eprescription.api.prescription.PrescriptionResponses;
import org.eprescription.api.security.ResourceAccess;
import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.CommandOutcome;
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
@RestController
@RequestMapping("/api/v1/prescriptions")
public class DispensingCorrectionController {

    private final CommandSender commands;
    private final PrescriptionResponses responses;
    private final ActingParties actingParties;
    private final ResourceAccess access;

    public DispensingCorrectionController(CommandSender commands, PrescriptionResponses responses,
                                          ActingParties actingParties, ResourceAccess access) {
        this.commands = commands;
        this.responses = responses;
        this.actingParties = actingParties;
        this.access = access;
    }

    /** Answers the view and, as a dispensing does, the alerts the correction's check raised. */
    @PostMapping("/{id}/dispensings/{sequence}/correct")
    public PrescriptionResponse correct(@PathVariable UUID id, @PathVariable int sequence,
                                        @Valid @RequestBody CorrectDispensingRequest request,
                                        @RequestHeader(value = IdempotencyKeyHeader.NAME, required = false)
                                        String idempotencyKey) {
        PrescriptionId prescriptionId = new PrescriptionId(id);
        Actor actor = actingParties.pharmacist(request.pharmacyId(), request.pharmacistId());
        CorrectDispensing command = new CorrectDispensing(prescriptionId, PharmacyId.of(actor.organisationId()),
                PharmacistId.of(actor.userId()), sequence, request.reason(), request.dispensedItems());
        CommandOutcome outcome = access.commandOn(prescriptionId,
                () -> commands.sendForOutcome(command, actor, idempotencyKey));
        return responses.dispensed(prescriptionId, outcome);
    }
}
