package org.eprescription.api.fhir;

import lombok.RequiredArgsConstructor;
import org.eprescription.api.prescription.PrescriptionResponse;
import org.eprescription.core.prescription.DispensedItem;
import org.eprescription.query.alerts.query.AlertView;
import org.eprescription.query.prescription.Dispensing;
import org.eprescription.query.prescription.PrescriptionView;
import org.eprescription.query.prescription.ViewLine;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * The collection Bundles the Task operations answer (docs/fhir.md): the Task first, then what the operation is
 * about: its MedicationRequests, the MedicationDispenses a dispensing recorded, a DetectedIssue per alert. Entries
 * refer to each other by {@code urn:uuid} full URLs derived from the prescription, so the same answer names the
 * same resources; the parties, which this interface does not serve as resources, by their identifiers.
 */
@Component
@RequiredArgsConstructor
class TaskBundleWriter {

    private static final String URN_UUID = "urn:uuid:";

    private final TaskMapper tasks;
    private final MedicationRequestMapper requests;
    private final MedicationDispenseMapper dispenses;
    private final DetectedIssueMapper issues;

    /** {@code $create}: the Task with the exchange code, its MedicationRequests, the issue check's alerts. */
    Bundle issued(PrescriptionResponse issued) {
        PrescriptionView view = issued.view();
        Bundle bundle = bundle(view);
        Map<Integer, String> requestUrls = addTaskAndRequests(bundle, tasks.of(view, issued.exchangeCode()), view);
        addAlerts(bundle, issued, line -> requestUrls.containsKey(line) ? new Reference(requestUrls.get(line)) : null);
        return bundle;
    }

    /** {@code $accept}: the Task and its MedicationRequests, what the pharmacy dispenses against. */
    Bundle withRequests(PrescriptionView view) {
        Bundle bundle = bundle(view);
        addTaskAndRequests(bundle, tasks.of(view, null), view);
        return bundle;
    }

    /** {@code $dispense}, {@code $close}: the Task, the MedicationDispenses of the latest dispensing, its alerts. */
    Bundle dispensed(PrescriptionResponse dispensed) {
        PrescriptionView view = dispensed.view();
        Bundle bundle = bundle(view);
        add(bundle, tasks.standalone(view), view.prescriptionId().value());
        Map<Integer, String> dispenseUrls = new HashMap<>();
        view.dispensings().stream().max(Comparator.comparingInt(Dispensing::sequence)).ifPresent(latest -> {
            int index = 0;
            for (DispensedItem item : latest.items()) {
                String url = add(bundle, dispenses.of(view, latest, item), dispenseId(view, latest, index++));
                dispenseUrls.putIfAbsent(item.lineNumber(), url);
            }
        });
        addAlerts(bundle, dispensed,
                line -> dispenseUrls.containsKey(line) ? new Reference(dispenseUrls.get(line)) : null);
        return bundle;
    }

    private Map<Integer, String> addTaskAndRequests(Bundle bundle, Task task, PrescriptionView view) {
        add(bundle, task, view.prescriptionId().value());
        Map<Integer, String> requestUrls = new HashMap<>();
        for (ViewLine line : view.lines()) {
            String url = add(bundle, requests.of(view, line), requestId(view, line.lineNumber()));
            requestUrls.put(line.lineNumber(), url);
            task.addBasedOn(new Reference(url));
        }
        return requestUrls;
    }

    private void addAlerts(Bundle bundle, PrescriptionResponse response,
                           IntFunction<Reference> lineReference) {
        PrescriptionView view = response.view();
        for (AlertView alert : response.alerts()) {
            add(bundle, issues.of(view, alert, lineReference.apply(alert.lineNumber())),
                    derived(view, "alert-" + alert.alertId().value()));
        }
    }

    private static Bundle bundle(PrescriptionView view) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        bundle.setTimestamp(Date.from(view.updatedAt().isAfter(view.issuedAt()) ? view.updatedAt()
                : view.issuedAt()));
        return bundle;
    }

    private static String add(Bundle bundle, Resource resource, UUID id) {
        String url = URN_UUID + id;
        resource.setId(id.toString());
        bundle.addEntry().setFullUrl(url).setResource(resource);
        return url;
    }

    /** The id of the MedicationRequest of a line, the same in every answer. */
    static UUID requestId(PrescriptionView view, int lineNumber) {
        return derived(view, "line-" + lineNumber);
    }

    /** The id of the MedicationDispense of a dispensing's {@code index}th item, the same in every answer. */
    static UUID dispenseId(PrescriptionView view, Dispensing dispensing, int index) {
        return derived(view, "dispensing-" + dispensing.sequence() + "-" + index);
    }

    /** A stable id for a part of the prescription, so the same answer names the same resources. */
    private static UUID derived(PrescriptionView view, String part) {
        return UUID.nameUUIDFromBytes((view.prescriptionId().value() + "/" + part).getBytes(StandardCharsets.UTF_8));
    }
}
