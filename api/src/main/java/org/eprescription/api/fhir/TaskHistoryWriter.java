package org.eprescription.api.fhir;

import lombok.RequiredArgsConstructor;
import org.eprescription.query.prescription.PrescriptionView;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Task;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.Date;
import java.util.List;

/**
 * The history Bundle of {@code Task/{id}/_history} (docs/fhir.md, "History"): one entry per event of the
 * prescription, newest first as FHIR orders a history, each the Task as it stood after that event, its
 * {@code meta.versionId} the event's sequence number and {@code meta.lastUpdated} the event's timestamp.
 */
@Component
@RequiredArgsConstructor
class TaskHistoryWriter {

    private final TaskMapper tasks;

    /** @param base the FHIR base URL the entries' full URLs are under */
    Bundle history(List<PrescriptionView> versions, String base) {
        long first = versions.stream().mapToLong(PrescriptionView::version).min().orElseThrow();
        Bundle bundle = new Bundle().setType(Bundle.BundleType.HISTORY).setTotal(versions.size());
        versions.stream().sorted(Comparator.comparingLong(PrescriptionView::version).reversed()).forEach(view -> {
            Task task = tasks.standalone(view);
            Date changed = Date.from(view.updatedAt());
            task.getMeta().setLastUpdated(changed);
            boolean created = view.version() == first;
            Bundle.BundleEntryComponent entry = bundle.addEntry()
                    .setFullUrl(base + "/Task/" + task.getIdElement().getIdPart()).setResource(task);
            entry.getRequest().setMethod(created ? Bundle.HTTPVerb.POST : Bundle.HTTPVerb.PUT)
                    .setUrl(created ? "Task" : "Task/" + task.getIdElement().getIdPart());
            entry.getResponse().setStatus(created ? "201 Created" : "200 OK")
                    .setEtag("W/\"" + view.version() + "\"").setLastModified(changed);
        });
        return bundle;
    }
}
