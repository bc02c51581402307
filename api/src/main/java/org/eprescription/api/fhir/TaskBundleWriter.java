package org.eprescription.api.fhir;

import lombok.RequiredArgsConstructor;
import org.eprescription.api.alerts.AlertCheck;
import org.eprescription.api.prescription.PrescriptionResponse;
import org.eprescription.query.alerts.query.AlertView;
import org.eprescription.query.prescription.Dispensing;
import org.eprescription.query.prescription.PrescriptionView;
import org.eprescription.query.prescription.ViewLine;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The collection Bundles the Task operations answer (docs/fhir.md): the Task first, then what the operation is
 * about: its MedicationRequests, the MedicationDispenses a dispensing recorded, a DetectedIssue per alert, and an
 * OperationOutcome warning when the check could not compare every course (docs/fhir.md). Entries
 * refer to each other by {@code urn:uuid} full URLs derived from the prescription, so the same answer names the
 * same resources; the parties, which this interface does not serve as resources, by their identifiers.
 */
@Component
@RequiredArgsConstructor
class TaskBundleWriter {

    private final TaskMapper tasks;
    private final PrescriptionEntries entries;
    private final DetectedIssueMapper issues;
    private final FhirSystems systems;

    /** {@code $create}: the Task with the exchange code, its MedicationRequests, the issue check's alerts. */
    Bundle issued(PrescriptionResponse issued) {
        PrescriptionView view = issued.view();
        Bundle bundle = bundle(view);
        Map<Integer, String> requestUrls = addTaskAndRequests(bundle, tasks.of(view, issued.exchangeCode()), view);
        addAlerts(bundle, issued, line -> requestUrls.containsKey(line) ? new Reference(requestUrls.get(line)) : null);
        return bundle;
    }

    /**
     * {@code $accept}: the Task and its MedicationRequests, what the pharmacy dispenses against, and a DetectedIssue per
     * alert of the prescription, as the JSON API's accept answers them; an OperationOutcome warning where they may not be
     * all: alerts switched off ({@code alertsKept} false: none are kept), or the patient's events waiting in the
     * dead-letter queue or medicine moved while alerts were off (the JSON answer's {@code upToDate: false}).
     */
    Bundle accepted(PrescriptionResponse accepted, boolean alertsKept) {
        PrescriptionView view = accepted.view();
        Bundle bundle = bundle(view);
        Map<Integer, String> requestUrls = addTaskAndRequests(bundle, tasks.of(view, null), view);
        for (AlertView alert : accepted.alerts() == null ? List.<AlertView>of() : accepted.alerts()) {
            add(bundle, FhirEntry.byUuid(PrescriptionEntries.derived(view, "alert-" + alert.alertId().value()),
                    issues.of(view, alert, requestUrls.containsKey(alert.lineNumber())
                            ? new Reference(requestUrls.get(alert.lineNumber())) : null)));
        }
        if (!alertsKept) {
            add(bundle, FhirEntry.byUuid(PrescriptionEntries.derived(view, "alerts-not-kept-" + view.version()),
                    checkWarning("not-performed", AlertKnowledge.SWITCHED_OFF)));
        } else if (Boolean.FALSE.equals(accepted.upToDate())) {
            add(bundle, FhirEntry.byUuid(PrescriptionEntries.derived(view, "alerts-not-up-to-date-" + view.version()),
                    checkWarning("not-up-to-date", "the alerts of this prescription may not be up to date: "
                            + AlertKnowledge.NOT_UP_TO_DATE + "; no DetectedIssue does not mean there is no "
                            + "conflict")));
        }
        return bundle;
    }

    /** {@code _history/{vid}}: the Task and its MedicationRequests as they stood. */
    Bundle withRequests(PrescriptionView view) {
        Bundle bundle = bundle(view);
        addTaskAndRequests(bundle, tasks.of(view, null), view);
        return bundle;
    }

    /** {@code $dispense}, {@code $close}: the Task, the MedicationDispenses of the latest dispensing, its alerts. */
    Bundle dispensed(PrescriptionResponse dispensed) {
        PrescriptionView view = dispensed.view();
        Bundle bundle = bundle(view);
        add(bundle, FhirEntry.byUuid(view.prescriptionId().value(), tasks.standalone(view)));
        Map<Integer, String> dispenseUrls = new HashMap<>();
        view.dispensings().stream().max(Comparator.comparingInt(Dispensing::sequence)).ifPresent(latest -> {
            for (int index = 0; index < latest.items().size(); index++) {
                String url = add(bundle, entries.dispense(view, latest, index));
                dispenseUrls.putIfAbsent(latest.items().get(index).lineNumber(), url);
            }
        });
        addAlerts(bundle, dispensed,
                line -> dispenseUrls.containsKey(line) ? new Reference(dispenseUrls.get(line)) : null);
        return bundle;
    }

    private Map<Integer, String> addTaskAndRequests(Bundle bundle, Task task, PrescriptionView view) {
        add(bundle, FhirEntry.byUuid(view.prescriptionId().value(), task));
        Map<Integer, String> requestUrls = new HashMap<>();
        for (ViewLine line : view.lines()) {
            String url = add(bundle, entries.request(view, line));
            requestUrls.put(line.lineNumber(), url);
            task.addBasedOn(new Reference(url));
        }
        return requestUrls;
    }

    private void addAlerts(Bundle bundle, PrescriptionResponse response,
                           IntFunction<Reference> lineReference) {
        PrescriptionView view = response.view();
        AlertCheck check = response.alertCheck();
        if (check != null && !check.performed()) {
            // alerts are switched off: no DetectedIssue must not read as "nothing found"
            add(bundle, FhirEntry.byUuid(PrescriptionEntries.derived(view, "alert-check-not-performed-"
                    + view.version()), notPerformed()));
            return;
        }
        for (AlertView alert : response.alerts() == null ? List.<AlertView>of() : response.alerts()) {
            add(bundle, FhirEntry.byUuid(PrescriptionEntries.derived(view, "alert-" + alert.alertId().value()),
                    issues.of(view, alert, lineReference.apply(alert.lineNumber()))));
        }
        if (check != null && Boolean.FALSE.equals(check.complete())) {
            add(bundle, FhirEntry.byUuid(PrescriptionEntries.derived(view, "alert-check-" + check.checkedAt()),
                    incompleteCheck(check)));
        }
    }

    /** The exchange runs without its interaction check ({@code exchange.alerts.enabled=false}). */
    private OperationOutcome notPerformed() {
        return checkWarning("not-performed", "the exchange's duplicate and interaction check is switched off: no "
                + "DetectedIssue does not mean there is no conflict");
    }

    /**
     * No DetectedIssue about these courses is not "nothing found": the check could not compare them (drugs the
     * catalogue does not know, or medication no check recorded because it was moved while alerts were off).
     */
    private OperationOutcome incompleteCheck(AlertCheck check) {
        List<String> reasons = new ArrayList<>();
        if (!check.unknownDrugCodes().isEmpty()) {
            reasons.add("the interaction check could not compare the courses of "
                    + String.join(", ", check.unknownDrugCodes()) + ": catalogue " + check.catalogueVersion()
                    + " does not know them");
        }
        AlertCheck.Unchecked unchecked = check.uncheckedCourses();
        if (unchecked != null && unchecked.prescriptions() + unchecked.dispensingRecords() > 0) {
            reasons.add("the interaction check could not compare the medication of " + unchecked.prescriptions()
                    + " prescription(s) and " + unchecked.dispensingRecords() + " registered dispensing(s) of the"
                    + " patient: issued or dispensed while the exchange's check was switched off, no check recorded"
                    + " their courses");
        }
        return checkWarning("incomplete", String.join("; ", reasons));
    }

    /** A warning about the interaction check: what the absence of a DetectedIssue does not mean. */
    private OperationOutcome checkWarning(String code, String diagnostics) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.WARNING)
                .setCode(OperationOutcome.IssueType.INCOMPLETE)
                .setDetails(new CodeableConcept().addCoding(new Coding(systems.alertCheck(), code, null)))
                .setDiagnostics(diagnostics);
        return outcome;
    }

    private static Bundle bundle(PrescriptionView view) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        bundle.setTimestamp(Date.from(view.updatedAt().isAfter(view.issuedAt()) ? view.updatedAt()
                : view.issuedAt()));
        return bundle;
    }

    private static String add(Bundle bundle, FhirEntry entry) {
        bundle.addEntry().setFullUrl(entry.fullUrl()).setResource(entry.resource());
        return entry.fullUrl();
    }
}
