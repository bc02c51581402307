package org.eprescription.api.alerts;

import org.eprescription.api.command.ReadYourWrites;
import org.eprescription.api.config.ExchangeProperties;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.query.alerts.AlertQueries;
import org.eprescription.query.alerts.AlertView;
import org.eprescription.query.alerts.FindAlertProgress;
import org.eprescription.query.alerts.FindAlertsForPatient;
import org.eprescription.query.alerts.FindAlertsForPrescription;
import org.eprescription.query.alerts.FindOpenAlertsForPrescriptions;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads alerts, and lets an answer wait until the alert projection has processed a prescription's change. Reads go to
 * the query side's {@link AlertQueries} directly: they are on the path of every issue answer, and the query bus's unit
 * of work, transaction and monitors per read cost more than the read (docs/benchmarks.md). Waiting still uses the
 * bus's subscription queries, which is how the projection's progress reaches a waiting answer.
 */
@Component
public class AlertViews {

    private final AlertQueries queries;
    private final ReadYourWrites readYourWrites;
    private final boolean enabled;

    public AlertViews(AlertQueries queries, ReadYourWrites readYourWrites, ExchangeProperties properties) {
        this.queries = queries;
        this.readYourWrites = readYourWrites;
        this.enabled = properties.alerts() == null || properties.alerts().enabled();
    }

    public List<AlertView> forPrescription(PrescriptionId id) {
        return queries.handle(new FindAlertsForPrescription(id));
    }

    /** The open alerts of each of these prescriptions, with one query; a prescription without any maps to none. */
    public Map<PrescriptionId, List<AlertView>> openForPrescriptions(Collection<PrescriptionId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<AlertView> alerts = queries.handle(new FindOpenAlertsForPrescriptions(Set.copyOf(ids)));
        return alerts.stream().collect(Collectors.groupingBy(AlertView::prescriptionId));
    }

    public List<AlertView> forPatient(PatientId patientId) {
        return queries.handle(new FindAlertsForPatient(patientId));
    }

    /** The prescription's alerts once the alert projection has processed its event {@code version}. */
    public List<AlertView> forPrescriptionAtVersion(PrescriptionId id, long version) {
        if (!enabled) {
            return forPrescription(id);
        }
        // the alert projection commits with the prescription view (ProjectionProcessorLayout), so once the view
        // shows the change one read answers; waiting is left for alerts that run apart (switched off and on, or an
        // event of the patient held in the dead-letter queue)
        Optional<List<AlertView>> processed = queries.alertsOnceProcessed(id, version);
        if (processed.isPresent()) {
            return processed.get();
        }
        readYourWrites.await(new FindAlertProgress(id), Long.class, false, progress -> progress >= version);
        return forPrescription(id);
    }
}
