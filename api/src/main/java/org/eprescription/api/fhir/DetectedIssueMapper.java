package org.eprescription.api.fhir;

import lombok.RequiredArgsConstructor;
import org.eprescription.core.ids.Party;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.interaction.AlertType;
import org.eprescription.core.interaction.Severity;
import org.eprescription.query.alerts.query.AlertView;
import org.eprescription.query.alerts.store.AcknowledgementView;
import org.eprescription.query.alerts.store.Conflict;
import org.eprescription.query.prescription.PrescriptionView;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

import java.util.Date;

/**
 * An alert of the duplicate and interaction check as a DetectedIssue (docs/fhir.md, "Task/$create" and
 * "DetectedIssue"), acknowledgements as {@code mitigation}.
 */
@Component
@RequiredArgsConstructor
class DetectedIssueMapper {

    private final FhirSystems systems;
    private final MedicationRequestMapper requests;

    /** @param line what the alert is about in the answer (its MedicationRequest or MedicationDispense), or null */
    DetectedIssue of(PrescriptionView view, AlertView alert, Reference line) {
        return of(view.patient().id(), alert, line);
    }

    /**
     * An alert of the patient's as {@code DetectedIssue?patient=} lists it: {@code implicated} its own line, by the
     * MedicationRequest's identifier, where the reader may know which prescription raised it.
     */
    DetectedIssue ofPatient(PatientId patient, AlertView alert) {
        Reference line = alert.prescriptionId() == null ? null : new Reference().setType("MedicationRequest")
                .setIdentifier(requests.lineIdentifier(alert.prescriptionId(), alert.lineNumber()));
        return of(patient, alert, line);
    }

    private DetectedIssue of(PatientId patient, AlertView alert, Reference line) {
        DetectedIssue issue = new DetectedIssue()
                .setStatus(DetectedIssue.DetectedIssueStatus.FINAL)
                .setCode(new CodeableConcept().addCoding(code(alert.type())))
                .setSeverity(alert.severity() == Severity.HIGH ? DetectedIssue.DetectedIssueSeverity.HIGH
                        : DetectedIssue.DetectedIssueSeverity.MODERATE)
                .setPatient(FhirSystems.identified(systems.patientId(), patient.value()))
                .setIdentified(new DateTimeType(Date.from(alert.raisedAt())))
                .setDetail(detail(alert));
        issue.addIdentifier(new Identifier().setSystem(systems.alertId()).setValue(alert.alertId().value()));
        if (line != null) {
            issue.addImplicated(line);
        }
        for (Conflict conflict : alert.conflicts()) {
            issue.addImplicated(implicated(conflict));
        }
        for (AcknowledgementView acknowledgement : alert.acknowledgements()) {
            issue.addMitigation(mitigation(acknowledgement));
        }
        if (AlertView.RESOLVED.equals(alert.status())) {
            // an alert whose courses no longer run: without this, a resolved DetectedIssue reads as a live one
            issue.addMitigation(new DetectedIssue.DetectedIssueMitigationComponent()
                    .setAction(new CodeableConcept().addCoding(new Coding(systems.alertMitigation(), "resolved",
                            "Resolved: the courses it is about no longer run together"))));
        }
        return issue;
    }

    /**
     * An acknowledgement: who went ahead despite the alert, when, and why (the reason as the action's text); without
     * author and text where the patient's consent does not let the reader see them (docs/alerts.md, "Privacy").
     */
    private DetectedIssue.DetectedIssueMitigationComponent mitigation(AcknowledgementView acknowledgement) {
        DetectedIssue.DetectedIssueMitigationComponent mitigation = new DetectedIssue.DetectedIssueMitigationComponent()
                .setAction(new CodeableConcept().addCoding(new Coding(systems.alertMitigation(), "acknowledged",
                        "Acknowledged")).setText(acknowledgement.reason()))
                .setDate(Date.from(acknowledgement.acknowledgedAt()));
        Party by = acknowledgement.acknowledgedBy();
        if (by != null) {
            String system = by.role() == Party.Role.PHARMACIST ? systems.pharmacistId() : systems.practitionerId();
            mitigation.setAuthor(FhirSystems.identified(system, by.personId()).setType("Practitioner"));
        }
        return mitigation;
    }

    /** The other course: by its prescription id where the patient's consent lets it be named, else described. */
    private Reference implicated(Conflict conflict) {
        String described = conflict.drugCode().value() + " " + conflict.from() + ".." + conflict.to();
        if (conflict.prescriptionId() == null) {
            return new Reference().setDisplay(described);
        }
        return new Reference().setType("MedicationRequest")
                .setIdentifier(new Identifier().setSystem(systems.prescriptionId())
                        .setValue(conflict.prescriptionId().toString()))
                .setDisplay(described);
    }

    private static Coding code(AlertType type) {
        return type == AlertType.CONTRAINDICATED
                ? new Coding(FhirSystems.ACT_CODE, "DRG", "Drug Interaction Alert")
                : new Coding(FhirSystems.ACT_CODE, "DUPTHPY", "Duplicate Therapy Alert");
    }

    private static String detail(AlertView alert) {
        String subject = alert.ingredient() == null ? alert.type().name() : alert.type().name() + " " + alert.ingredient();
        return subject + " on line " + alert.lineNumber() + " (" + alert.drugCode().value() + "), "
                + alert.conflicts().size() + " conflicting course(s)";
    }
}
