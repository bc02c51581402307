package org.eprescription.api.fhir;

import jakarta.servlet.http.HttpServletRequest;
import lombok.RequiredArgsConstructor;
import org.eprescription.api.pharmacy.DispensingViews;
import org.eprescription.api.prescription.PrescriptionResponse;
import org.eprescription.api.prescription.PrescriptionResponses;
import org.eprescription.query.alerts.query.AlertView;
import org.eprescription.query.prescription.DispensingView;
import org.eprescription.query.prescription.PrescriptionView;
import org.hl7.fhir.exceptions.FHIRException;
import org.hl7.fhir.r4.model.Task;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code GET /fhir/Task?owner=&status=}: a pharmacy's queue, the Tasks of its working view as
 * {@code GET /api/v1/pharmacies/{id}/dispensing-view} answers it (what it holds, what it dispensed today; who may read
 * it and the access log entry are {@link DispensingViews#readable}'s), without what another pharmacy holds now (that
 * Task's owner is the other pharmacy: docs/fhir.md, "GET /fhir/Task?owner"), narrowed to the statuses asked for, with
 * their open alerts.
 */
@RestController
@RequestMapping(FhirPaths.BASE)
@RequiredArgsConstructor
class TaskSearchController {

    private final Searchsets searchsets;
    private final TaskMapper tasks;
    private final DispensingViews views;
    private final PrescriptionResponses responses;
    private final DetectedIssueMapper issues;
    private final AlertKnowledge knowledge;

    @GetMapping(FhirPaths.TASK_SEARCH)
    ResponseEntity<byte[]> search(HttpServletRequest request) {
        return searchsets.answerPartly(request, "Task", List.of(Searchsets.OWNER, Searchsets.STATUS), parameters -> {
            String pharmacy = parameters.requiredId(Searchsets.OWNER, "Organization");
            Set<Task.TaskStatus> statuses = statuses(parameters.optionalCodes(Searchsets.STATUS));
            DispensingView view = views.readable(pharmacy);
            Map<Object, PrescriptionView> queue = new LinkedHashMap<>();
            Stream.concat(view.held().stream(), view.dispensedToday().stream())
                    .filter(prescription -> heldByNoneOrBy(pharmacy, prescription))
                    .forEach(prescription -> queue.putIfAbsent(prescription.prescriptionId(), prescription));
            String base = FhirPaths.baseUrl();
            List<FhirEntry> matches = new ArrayList<>();
            List<PrescriptionView> matched = new ArrayList<>();
            for (PrescriptionView prescription : queue.values()) {
                Task task = tasks.standalone(prescription);
                if (statuses.isEmpty() || statuses.contains(task.getStatus())) {
                    matches.add(new FhirEntry(base + "/Task/" + task.getIdPart(), task));
                    matched.add(prescription);
                }
            }
            return withOpenAlerts(matches, matched);
        });
    }

    /**
     * The open alerts of the matched Tasks, as the JSON view shows them with each prescription, as DetectedIssues
     * ({@code search.mode} {@code include}); and a warning where they may not be all: alerts switched off (none are
     * kept), or Tasks whose patients have events the exchange could not take in yet (the JSON view's
     * {@code upToDate: false}).
     */
    private Searchsets.Matches withOpenAlerts(List<FhirEntry> matches, List<PrescriptionView> matched) {
        List<FhirEntry> included = new ArrayList<>();
        List<String> notUpToDate = new ArrayList<>();
        Set<String> alertsIncluded = new HashSet<>();
        for (PrescriptionResponse response : responses.withOpenAlerts(matched)) {
            PrescriptionView view = response.view();
            for (AlertView alert : response.alerts()) {
                if (!alertsIncluded.add(alert.alertId().value())) {
                    continue; // shown with both prescriptions it links; one entry per fullUrl (bdl-7)
                }
                included.add(FhirEntry.byUuid(UUID.nameUUIDFromBytes(("alert/" + alert.alertId().value())
                        .getBytes(StandardCharsets.UTF_8)), issues.ofPatient(view.patient().id(), alert)));
            }
            if (Boolean.FALSE.equals(response.upToDate())) {
                notUpToDate.add("Task/" + view.prescriptionId());
            }
        }
        String warning = !knowledge.alertsKept() ? AlertKnowledge.SWITCHED_OFF
                : notUpToDate.isEmpty() ? null
                : "the open alerts and the state of " + String.join(", ", notUpToDate) + " may not be up to date: "
                + "of their patients, " + AlertKnowledge.NOT_UP_TO_DATE + "; no DetectedIssue about them does not "
                + "mean there is no conflict";
        return new Searchsets.Matches(matches, null, included, warning);
    }

    /**
     * Whether the Task is this pharmacy's or nobody's: one it dispensed today that another pharmacy accepted since is
     * that pharmacy's Task ({@code owner}), in that pharmacy's queue and not in this one.
     */
    private static boolean heldByNoneOrBy(String pharmacy, PrescriptionView prescription) {
        return prescription.pharmacyId() == null || prescription.pharmacyId().value().equals(pharmacy);
    }

    private static Set<Task.TaskStatus> statuses(List<String> codes) {
        return codes.stream().map(code -> {
            try {
                return Task.TaskStatus.fromCode(code);
            } catch (FHIRException unknown) {
                throw FhirRequestException.malformed("status " + code + " is no Task status");
            }
        }).collect(Collectors.toSet());
    }
}
