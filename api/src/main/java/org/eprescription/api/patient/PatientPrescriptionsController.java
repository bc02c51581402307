package org.eprescription.api.patient;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import lombok.RequiredArgsConstructor;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eprescription.api.deadletter.PendingLetters;
import org.eprescription.api.openapi.ProblemAnswers;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import org.eprescription.api.prescription.PrescriptionResponse;
import org.eprescription.api.privacy.AccessLog;
import org.eprescription.api.problem.UnknownResourceException;
import org.eprescription.api.security.ResourceAccess;
import org.eprescription.core.code.CodeDerivation;
import org.eprescription.core.code.ExchangeCodes;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.query.prescription.PatientPrescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/**
 * The patient's own list of prescriptions, with the exchange code of each one still waiting for a pharmacy (derived
 * again from the prescription id with the key and attempt its issue recorded, never stored), and that code as a QR
 * code. For the patient and auditors; an auditor's read is in the patient's access log.
 */
@Tag(name = "patients")
@RestController
@RequestMapping("/api/v1/patients/{patientId}/prescriptions")
@RequiredArgsConstructor
public class PatientPrescriptionsController {

    static final String SVG = "image/svg+xml";

    private static final Logger log = LoggerFactory.getLogger(PatientPrescriptionsController.class);

    private final PatientPrescriptionReads prescriptions;
    private final ExchangeCodes exchangeCodes;
    private final ResourceAccess access;
    private final AccessLog accessLog;
    private final PendingLetters pendingLetters;

    /** {@code upToDate} only when false: the patient has events the views could not take in yet. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PatientPrescriptions(PatientId patientId, List<PrescriptionResponse> prescriptions,
                                       Boolean upToDate) {
    }

    @Operation(operationId = "listPatientPrescriptions", summary = "List a patient's prescriptions",
            description = "For the patient and auditors: every prescription, newest first; one waiting for a pharmacy "
                    + "with its exchangeCode.")
    @GetMapping
    public PatientPrescriptions list(@PathVariable String patientId) {
        PatientId patient = PatientId.of(patientId);
        return new PatientPrescriptions(patient, prescriptions.readable(patient).stream()
                .map(prescription -> new PrescriptionResponse(prescription.view(), null, codeOf(prescription), null))
                .toList(), pendingLetters.any(patient) ? Boolean.FALSE : null);
    }

    /** The open prescription's exchange code as a QR code (SVG); 404 when the patient has no such open one. */
    @Operation(operationId = "getExchangeCodeQr", summary = "Show an open prescription's exchange code as a QR code",
            description = "For the patient and auditors; 404 when the patient has no such prescription waiting for a "
                    + "pharmacy.")
    @ApiResponse(responseCode = "200", description = "The QR code",
            content = @Content(mediaType = SVG, schema = @Schema(type = "string")))
    @ProblemAnswers(problems = "404 not-found")
    @GetMapping("/{prescriptionId}/qr-code")
    public ResponseEntity<String> qrCode(@PathVariable String patientId, @PathVariable UUID prescriptionId) {
        PatientId patient = PatientId.of(patientId);
        access.requirePatientOrAuditor(patient, true);
        PrescriptionId id = new PrescriptionId(prescriptionId);
        String code = prescriptions.of(patient).stream()
                .filter(prescription -> prescription.view().prescriptionId().equals(id))
                .map(this::codeOf)
                .filter(found -> found != null)
                .findFirst()
                .orElseThrow(() -> new UnknownResourceException("patient " + patient
                        + " has no prescription " + id + " waiting for a pharmacy"));
        // logged once there is a code to show: a refusal shows nothing, and is no read
        accessLog.read(patient, "exchange code of prescription " + id);
        return ResponseEntity.ok().header("Content-Type", SVG).cacheControl(CacheControl.noStore())
                .body(ExchangeCodeQr.svg(code));
    }

    /** The open prescription's code; null when it has none to show, or its key is no longer configured. */
    private String codeOf(PatientPrescription prescription) {
        CodeDerivation derivation = prescription.openCode();
        if (derivation == null) {
            return null;
        }
        if (!exchangeCodes.keyIds().contains(derivation.keyId())) {
            log.warn("prescription {}: its exchange code key {} is no longer configured; its code cannot be shown",
                    prescription.view().prescriptionId(), derivation.keyId());
            return null;
        }
        return exchangeCodes.codeFor(prescription.view().prescriptionId(), derivation.keyId(), derivation.attempt());
    }
}
