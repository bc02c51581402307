package org.eprescription.api.fhir;

import lombok.RequiredArgsConstructor;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/** The systems the FHIR interface names: identifiers under the configured base, and the code systems it uses. */
@Component
@RequiredArgsConstructor
public class FhirSystems {

    /** Japan's YJ codes (the drug catalogue's codes). */
    static final String YJ = "urn:oid:1.2.392.100495.20.1.73";
    static final String UCUM = "http://unitsofmeasure.org";
    static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    private final FhirProperties properties;

    String patientId() {
        return properties.identifierBase() + "patient-id";
    }

    String practitionerId() {
        return properties.identifierBase() + "practitioner-id";
    }

    String institutionId() {
        return properties.identifierBase() + "institution-id";
    }

    String prescriptionId() {
        return properties.identifierBase() + "prescription-id";
    }

    String exchangeCode() {
        return properties.identifierBase() + "exchange-code";
    }

    String pharmacyId() {
        return properties.identifierBase() + "pharmacy-id";
    }

    String pharmacistId() {
        return properties.identifierBase() + "pharmacist-id";
    }

    /** A line of a prescription: {@code <prescription id>/<line number>}, what a MedicationDispense authorizes by. */
    String prescriptionLine() {
        return properties.identifierBase() + "prescription-line";
    }

    String alertId() {
        return properties.identifierBase() + "alert-id";
    }

    /** The JSON API's prescription status (ISSUED, ACCEPTED, ...), a Task's businessStatus. */
    String prescriptionStatus() {
        return properties.codeSystemBase() + "prescription-status";
    }

    /** The role a reader read in, the JSON API's ({@code PRESCRIBER}, {@code AUDITOR}, ...): an AuditEvent agent's. */
    String role() {
        return properties.codeSystemBase() + "role";
    }

    /** Why a Task stands as it does beyond its status ({@code cancellation-requested}). */
    String taskReason() {
        return properties.codeSystemBase() + "task-reason";
    }

    /** What a Task carries besides its status ({@code current-use}). */
    String taskInput() {
        return properties.codeSystemBase() + "task-input";
    }

    /** What was done about an alert ({@code acknowledged}), a DetectedIssue's mitigation action. */
    String alertMitigation() {
        return properties.codeSystemBase() + "alert-mitigation";
    }

    /** Why a prescriber goes ahead despite an alert: the override reasons of a CDS Hooks card. */
    public String alertOverrideReason() {
        return properties.codeSystemBase() + "alert-override-reason";
    }

    /** What an answer says of its interaction check: {@code incomplete} when it could not compare every course. */
    String alertCheck() {
        return properties.codeSystemBase() + "alert-check";
    }

    /** The exchange's own codes for what it refuses (the problem types of the JSON API). */
    String problemCodes() {
        return properties.codeSystemBase() + "problem";
    }

    /** A party or thing this interface does not serve as a resource, named by its identifier. */
    static Reference identified(String system, String value) {
        return new Reference().setIdentifier(new Identifier().setSystem(system).setValue(value));
    }
}
