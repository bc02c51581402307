package org.eprescription.api.fhir;

import org.eprescription.api.prescription.PrescriptionResponse;
import org.eprescription.core.interaction.AlertType;
import org.eprescription.core.interaction.Severity;
import org.eprescription.query.alerts.query.AlertView;
import org.eprescription.query.alerts.store.Conflict;
import org.eprescription.query.prescription.PrescriptionView;
import org.eprescription.query.prescription.ViewLine;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What {@code Task/$create} answers: a collection Bundle of the Task (ready, with the prescription id and the
 * exchange code), one MedicationRequest per line and one DetectedIssue per alert the issue's check recorded.
 * Entries refer to each other by {@code urn:uuid} full URLs; the parties, which this interface does not serve as
 * resources, by their identifiers.
 */
@Component
class IssuedBundleWriter {

    private static final String URN_UUID = "urn:uuid:";

    private final FhirSystems systems;

    IssuedBundleWriter(FhirSystems systems) {
        this.systems = systems;
    }

    Bundle write(PrescriptionResponse issued) {
        PrescriptionView view = issued.view();
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        bundle.setTimestamp(Date.from(view.issuedAt()));
        Task task = task(view, issued.exchangeCode());
        add(bundle, task, view.prescriptionId().value());
        Map<Integer, String> requestUrls = new HashMap<>();
        for (ViewLine line : view.lines()) {
            UUID id = derived(view.prescriptionId().value(), "line-" + line.lineNumber());
            String url = add(bundle, medicationRequest(view, line), id);
            requestUrls.put(line.lineNumber(), url);
            task.addBasedOn(new Reference(url));
        }
        for (AlertView alert : issued.alerts()) {
            add(bundle, detectedIssue(view, alert, requestUrls.get(alert.lineNumber())),
                    derived(view.prescriptionId().value(), "alert-" + alert.alertId().value()));
        }
        return bundle;
    }

    private Task task(PrescriptionView view, String exchangeCode) {
        Task task = new Task()
                .setStatus(Task.TaskStatus.READY)
                .setIntent(Task.TaskIntent.ORDER)
                .setFor(identified(systems.patientId(), view.patient().id().value()))
                .setRequester(identified(systems.practitionerId(), view.prescriber().id().value()))
                .setAuthoredOn(Date.from(view.issuedAt()))
                .setLastModified(Date.from(lastModified(view)));
        task.addIdentifier(new Identifier().setSystem(systems.prescriptionId())
                .setValue(view.prescriptionId().toString()));
        if (exchangeCode != null) {
            task.addIdentifier(new Identifier().setSystem(systems.exchangeCode()).setValue(exchangeCode));
        }
        return task;
    }

    private MedicationRequest medicationRequest(PrescriptionView view, ViewLine line) {
        MedicationRequest request = new MedicationRequest()
                .setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE)
                .setIntent(MedicationRequest.MedicationRequestIntent.ORDER)
                .setMedication(new CodeableConcept().addCoding(new Coding(FhirSystems.YJ, line.drugCode().value(),
                        line.drugName())))
                .setSubject(identified(systems.patientId(), view.patient().id().value()))
                .setRequester(identified(systems.practitionerId(), view.prescriber().id().value()))
                .setAuthoredOn(Date.from(view.issuedAt()))
                .setGroupIdentifier(new Identifier().setSystem(systems.prescriptionId())
                        .setValue(view.prescriptionId().toString()));
        Dosage dosage = request.addDosageInstruction().setText(line.dosage());
        if (line.asNeeded()) {
            dosage.setAsNeeded(new BooleanType(true));
        }
        MedicationRequest.MedicationRequestDispenseRequestComponent dispense = request.getDispenseRequest();
        dispense.setQuantity(new Quantity().setValue(line.quantity()).setUnit(line.unit()));
        dispense.setExpectedSupplyDuration((Duration) new Duration().setValue(line.days()).setUnit("d")
                .setSystem(FhirSystems.UCUM).setCode("d"));
        dispense.setNumberOfRepeatsAllowed(view.refills());
        if (view.validUntil() != null) {
            Period validity = new Period().setEndElement(date(view.validUntil()));
            if (view.issuedOn() != null) {
                validity.setStartElement(date(view.issuedOn()));
            }
            dispense.setValidityPeriod(validity);
        }
        return request;
    }

    private DetectedIssue detectedIssue(PrescriptionView view, AlertView alert, String requestUrl) {
        DetectedIssue issue = new DetectedIssue()
                .setStatus(DetectedIssue.DetectedIssueStatus.FINAL)
                .setCode(new CodeableConcept().addCoding(code(alert.type())))
                .setSeverity(alert.severity() == Severity.HIGH ? DetectedIssue.DetectedIssueSeverity.HIGH
                        : DetectedIssue.DetectedIssueSeverity.MODERATE)
                .setPatient(identified(systems.patientId(), view.patient().id().value()))
                .setIdentified(new DateTimeType(Date.from(alert.raisedAt())))
                .setDetail(detail(alert));
        issue.addIdentifier(new Identifier().setSystem(systems.alertId()).setValue(alert.alertId().value()));
        if (requestUrl != null) {
            issue.addImplicated(new Reference(requestUrl));
        }
        for (Conflict conflict : alert.conflicts()) {
            issue.addImplicated(implicated(conflict));
        }
        return issue;
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

    private static Reference identified(String system, String value) {
        return new Reference().setIdentifier(new Identifier().setSystem(system).setValue(value));
    }

    private static DateTimeType date(LocalDate date) {
        return new DateTimeType(date.toString());
    }

    private static String add(Bundle bundle, Resource resource, UUID id) {
        String url = URN_UUID + id;
        resource.setId(id.toString());
        bundle.addEntry().setFullUrl(url).setResource(resource);
        return url;
    }

    /** A stable id for a part of the prescription, so the same answer names the same resources. */
    private static UUID derived(UUID prescription, String part) {
        return UUID.nameUUIDFromBytes((prescription + "/" + part).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * When the view last changed, never before the issue: {@code updatedAt} is the stored event's timestamp and
     * {@code issuedAt} the exchange's clock, two sources that skew apart (another node, a test clock), while FHIR
     * requires a Task's lastModified not to precede its authoredOn.
     */
    private static java.time.Instant lastModified(PrescriptionView view) {
        return view.updatedAt().isBefore(view.issuedAt()) ? view.issuedAt() : view.updatedAt();
    }
}
