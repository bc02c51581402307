package org.eprescription.api.patient;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import lombok.RequiredArgsConstructor;
import org.eprescription.api.idempotency.IdempotencyKeyHeader;
import jakarta.validation.Valid;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.eprescription.api.actor.ActingParties;
import org.eprescription.api.security.CurrentUser;
import org.eprescription.api.security.ExchangeUser;
import org.eprescription.api.security.ResourceAccess;
import org.eprescription.api.security.Role;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.api.privacy.AccessLog;
import org.eprescription.api.privacy.AccessLogEntry;
import org.eprescription.api.privacy.AccessLogReads;
import org.eprescription.api.alerts.AlertCompleteness;
import org.eprescription.api.alerts.AlertViews;
import org.eprescription.api.command.CommandSender;
import org.eprescription.core.consent.RecordConsent;
import org.eprescription.core.ids.PatientId;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eprescription.query.alerts.query.AlertView;
import org.eprescription.query.alerts.query.FindMedicationList;
import org.eprescription.query.alerts.query.MedicationList;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * The patient's side: their medication list (the PHR view), alerts, consent to share history, and who read their
 * data (for the patient and auditors).
 */
@Tag(name = "patients")
@RestController
@RequestMapping("/api/v1/patients/{patientId}")
@RequiredArgsConstructor
public class PatientController {

    private final QueryGateway queries;
    private final AlertViews alerts;
    private final CommandSender commands;
    private final Clock clock;
    private final ActingParties actingParties;
    private final ResourceAccess access;
    private final AccessLog accessLog;
    private final CurrentUser currentUser;
    private final AccessLogReads accessLogReads;
    private final AlertCompleteness completeness;

    /**
     * {@code upToDate} only when false: the patient has events the alerts could not take in yet, courses no check
     * recorded, or alerts are switched off ({@link AlertCompleteness}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PatientAlerts(PatientId patientId, List<AlertView> alerts, Boolean upToDate) {
    }

    public record Consent(PatientId patientId, boolean sharingAllowed) {
    }

    /** {@code truncated} only when true: older entries than these were left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PatientAccessLog(String patientId, List<AccessLogEntry> entries, Boolean truncated) {
    }

    @Operation(operationId = "getMedications", summary = "Read a patient's medications",
            description = "Current and past courses, registered dispensings among them: for the patient, auditors and "
                    + "providers with a prescription or registered dispensing of the patient.")
    @GetMapping("/medications")
    public MedicationList medications(@PathVariable String patientId) {
        PatientId patient = PatientId.of(patientId);
        access.requirePatientData(patient);
        accessLog.read(patient, "medications");
        MedicationList kept = queries.query(new FindMedicationList(patient, LocalDate.now(clock)),
                ResponseTypes.instanceOf(MedicationList.class)).join();
        MedicationList list = complete(patient) ? kept : kept.notUpToDate();
        ExchangeUser user = currentUser.get();
        if (user.has(Role.AUDITOR) || user.is(patient.value())) {
            return list;
        }
        return list.forProvider(
                user.has(Role.PRESCRIBER) && user.institutionId() != null ? InstitutionId.of(user.institutionId()) : null,
                user.has(Role.PHARMACIST) && user.pharmacyId() != null ? PharmacyId.of(user.pharmacyId()) : null);
    }

    @Operation(operationId = "getPatientAlerts", summary = "Read a patient's alerts",
            description = "Open and resolved alerts; who may read them as for the medications.")
    @GetMapping("/alerts")
    public PatientAlerts alerts(@PathVariable String patientId) {
        PatientId patient = PatientId.of(patientId);
        List<AlertView> readable = alerts.readableForPatient(patient);
        return new PatientAlerts(patient, readable, complete(patient) ? null : Boolean.FALSE);
    }

    /**
     * Whether the medication list and alerts hold all the exchange knows of the patient: not while events of the
     * patient wait in a dead-letter queue, not while a course no check recorded may still run, and never with alerts
     * switched off (docs/alerts.md, "When the exchange does not know").
     */
    private boolean complete(PatientId patient) {
        return completeness.complete(patient);
    }

    @Operation(operationId = "recordConsent", summary = "Record a patient's consent to share history",
            description = "The patient alone: whether providers may see history from other institutions.")
    @PutMapping("/consent")
    public Consent consent(@PathVariable String patientId, @Valid @RequestBody ConsentRequest request,
                           @RequestHeader(value = IdempotencyKeyHeader.NAME, required = false) String idempotencyKey) {
        PatientId patient = PatientId.of(patientId);
        commands.send(new RecordConsent(patient, request.sharingAllowed()), actingParties.patient(patient),
                idempotencyKey);
        return new Consent(patient, request.sharingAllowed());
    }

    @Operation(operationId = "getAccessLog", summary = "Read who read a patient's data",
            description = "For the patient and auditors: who read it, when, in which role and organisation.")
    @GetMapping("/access-log")
    public PatientAccessLog accessLog(@PathVariable String patientId) {
        PatientId patient = PatientId.of(patientId);
        AccessLogReads.Page page = accessLogReads.readable(patient);
        return new PatientAccessLog(patient.value(), page.entries(), page.truncated() ? Boolean.TRUE : null);
    }
}
