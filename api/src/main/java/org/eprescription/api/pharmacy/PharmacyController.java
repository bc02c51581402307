package org.eprescription.api.pharmacy;

import jakarta.validation.Valid;
import org.eprescription.api.actor.ActingParties;
import org.eprescription.api.command.CommandSender;
import org.eprescription.api.security.ResourceAccess;
import org.eprescription.api.actor.Actor;
import org.eprescription.api.prescription.PrescriptionResponse;
import org.eprescription.api.prescription.PrescriptionResponses;
import org.eprescription.api.prescription.PrescriptionViews;
import org.eprescription.api.privacy.AccessLog;
import org.eprescription.core.code.ExchangeCodes;
import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.CommandOutcome;
import org.eprescription.core.prescription.PrescriptionRefusedException;
import org.eprescription.core.prescription.command.AcceptPrescription;
import org.eprescription.core.prescription.command.DispensePrescription;
import org.eprescription.core.prescription.command.ReleasePrescription;
import org.eprescription.query.prescription.ExchangeCodeHolder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/** The pharmacy's side: accept with the patient's exchange code, release, dispense. */
@RestController
@RequestMapping("/api/v1/prescriptions")
public class PharmacyController {

    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final CommandSender commands;
    private final PrescriptionViews views;
    private final PrescriptionResponses responses;
    private final ActingParties actingParties;
    private final ExchangeCodes exchangeCodes;
    private final ResourceAccess access;
    private final AcceptAttempts acceptAttempts;
    private final AccessLog accessLog;

    public PharmacyController(CommandSender commands, PrescriptionViews views, PrescriptionResponses responses,
                              ActingParties actingParties, ExchangeCodes exchangeCodes, ResourceAccess access,
                              AcceptAttempts acceptAttempts, AccessLog accessLog) {
        this.commands = commands;
        this.views = views;
        this.responses = responses;
        this.actingParties = actingParties;
        this.exchangeCodes = exchangeCodes;
        this.access = access;
        this.acceptAttempts = acceptAttempts;
        this.accessLog = accessLog;
    }

    /**
     * A pharmacy that keeps sending codes that name no prescription is locked out for a while (AcceptAttempts). The
     * answer shows the pharmacy the patient's prescription, so it is in the patient's access log like any read.
     */
    @PostMapping("/accept")
    public PrescriptionResponse accept(@Valid @RequestBody AcceptRequest request,
                                       @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        PharmacyId pharmacy = PharmacyId.of(request.pharmacyId());
        PharmacistId pharmacist = PharmacistId.of(request.pharmacistId());
        Actor actor = actingParties.pharmacist(pharmacist, pharmacy);
        return acceptAttempts.counted(pharmacy, () -> acceptWithCode(request, pharmacy, pharmacist, actor,
                idempotencyKey));
    }

    private PrescriptionResponse acceptWithCode(AcceptRequest request, PharmacyId pharmacy, PharmacistId pharmacist,
                                                Actor actor, String idempotencyKey) {
        // the code may be of any configured key: its hash under each, and the one the prescription holds
        ExchangeCodeHolder holder = views.findExchangeCodeHolder(exchangeCodes.hashesOf(request.exchangeCode()))
                .orElseThrow(PrescriptionRefusedException::unknownExchangeCode);
        PrescriptionId id = holder.view().prescriptionId();
        long version = commands.send(new AcceptPrescription(id, holder.exchangeCodeHash(), request.patientBirthDate(),
                pharmacy, pharmacist), actor, idempotencyKey);
        PrescriptionResponse accepted = responses.afterCommand(id, version);
        accessLog.read(accepted.view().patient().id(), "accept of prescription " + id);
        return accepted;
    }

    @PostMapping("/{id}/release")
    public PrescriptionResponse release(@PathVariable UUID id, @Valid @RequestBody ReleaseRequest request,
                                        @RequestHeader(value = IDEMPOTENCY_KEY, required = false)
                                        String idempotencyKey) {
        PrescriptionId prescriptionId = new PrescriptionId(id);
        PharmacyId pharmacy = PharmacyId.of(request.pharmacyId());
        Actor actor = actingParties.pharmacy(pharmacy);
        long version = access.commandOn(prescriptionId, () -> commands.send(
                new ReleasePrescription(prescriptionId, pharmacy, request.reason()), actor, idempotencyKey));
        return responses.afterCommand(prescriptionId, version);
    }

    @PostMapping("/{id}/dispense")
    public PrescriptionResponse dispense(@PathVariable UUID id, @Valid @RequestBody DispenseRequest request,
                                         @RequestHeader(value = IDEMPOTENCY_KEY, required = false)
                                         String idempotencyKey) {
        PrescriptionId prescriptionId = new PrescriptionId(id);
        PharmacyId pharmacy = PharmacyId.of(request.pharmacyId());
        PharmacistId pharmacist = PharmacistId.of(request.pharmacistId());
        Actor actor = actingParties.pharmacist(pharmacist, pharmacy);
        DispensePrescription command = new DispensePrescription(prescriptionId, pharmacy, pharmacist,
                request.items().stream().map(DispenseRequest.Item::toDispensedItem).toList(),
                Boolean.TRUE.equals(request.completesUse()));
        CommandOutcome outcome = access.commandOn(prescriptionId,
                () -> commands.sendForOutcome(command, actor, idempotencyKey));
        return responses.dispensed(prescriptionId, outcome);
    }
}
