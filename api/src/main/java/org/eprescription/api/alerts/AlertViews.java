package org.eprescription.api.alerts;

import lombok.RequiredArgsConstructor;
import org.eprescription.api.command.ReadYourWrites;
import org.eprescription.api.command.ViewNotReadyException;
import org.eprescription.api.privacy.AccessLog;
import org.eprescription.api.security.ResourceAccess;
import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.event.AlertAcknowledged;
import org.eprescription.core.prescription.CommandOutcome;
import org.eprescription.query.alerts.AlertProgressUpdates;
import org.eprescription.query.alerts.store.AcknowledgementView;
import org.eprescription.query.alerts.query.AlertQueries;
import org.eprescription.query.alerts.query.AlertReader;
import org.eprescription.query.alerts.query.AlertView;
import org.eprescription.query.alerts.query.FindAlertProgress;
import org.eprescription.query.alerts.query.FindAlertsForPatient;
import org.eprescription.query.alerts.query.FindAlertsForPrescription;
import org.eprescription.query.alerts.query.FindOpenAlertsForPrescriptions;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads alerts: those a command's check recorded, from the command's own answer, and everything else from the alert
 * projection. Reads go to the query side's {@link AlertQueries} directly: they are on the path of every answer, and
 * the query bus's unit of work, transaction and monitors per read cost more than the read (docs/benchmarks.md).
 */
@Component
@RequiredArgsConstructor
public class AlertViews {

    private final AlertQueries queries;
    private final ReadYourWrites readYourWrites;
    private final AlertProgressUpdates progress;
    private final ResourceAccess access;
    private final AccessLog accessLog;

    public List<AlertView> forPrescription(PrescriptionId id) {
        return queries.handle(new FindAlertsForPrescription(id));
    }

    /** The open alerts of each of these prescriptions, with one query; a prescription without any maps to none. */
    public Map<PrescriptionId, List<AlertView>> openForPrescriptions(Collection<PrescriptionId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return queries.handle(new FindOpenAlertsForPrescriptions(Set.copyOf(ids)));
    }

    /**
     * The patient's alerts as the caller may read them ({@link ResourceAccess#alertReader}: others' courses masked
     * without consent), the read recorded in the patient's access log; 403 for a caller who may not read them.
     */
    public List<AlertView> readableForPatient(PatientId patientId) {
        AlertReader reader = access.alertReader(patientId);
        accessLog.read(patientId, "alerts");
        return queries.handle(new FindAlertsForPatient(patientId, reader));
    }

    /**
     * The alerts an issue's or a dispensing's check recorded, as the projection will show them, with the
     * acknowledgements the issue recorded for them; null when no check ran (alerts are switched off), which is not
     * the same as "nothing found".
     */
    public List<AlertView> recorded(CommandOutcome outcome) {
        if (outcome.check() == null) {
            return null;
        }
        Map<AlertId, List<AcknowledgementView>> acks = new HashMap<>();
        for (AlertAcknowledged acknowledged : outcome.acknowledgements()) {
            acks.computeIfAbsent(acknowledged.alertId(), id -> new ArrayList<>())
                    .add(new AcknowledgementView(acknowledged.alertId(), acknowledged.reason(),
                            acknowledged.acknowledgedBy(), acknowledged.acknowledgedAt(), acknowledged.conflictIds()));
        }
        return queries.recordedViews(outcome.check(), acks);
    }

    /**
     * The prescription's alerts once the alert projection has processed its event {@code version}; after the timeout,
     * {@link ViewNotReadyException} (the alerts as they were would answer the command as if it had not happened).
     */
    public List<AlertView> forPrescriptionAtVersion(PrescriptionId id, long version) {
        readYourWrites.await("alert progress of prescription " + id, listener -> progress.follow(id, listener),
                        () -> Optional.of(queries.handle(new FindAlertProgress(id))), processed -> processed >= version)
                .filter(processed -> processed >= version)
                .orElseThrow(() -> new ViewNotReadyException("the alerts of prescription " + id
                        + " do not show the command yet"));
        return forPrescription(id);
    }
}
