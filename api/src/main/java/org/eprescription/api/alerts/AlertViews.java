package org.eprescription.api.alerts;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.eprescription.api.config.ExchangeProperties;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.query.alerts.AlertView;
import org.eprescription.query.alerts.FindAlertProgress;
import org.eprescription.query.alerts.FindAlertsForPatient;
import org.eprescription.query.alerts.FindAlertsForPrescription;
import org.eprescription.query.alerts.FindOpenAlertsForPrescriptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads alerts, and lets an answer wait until the alert projection has processed a prescription's change. */
@Component
public class AlertViews {

    private static final Logger log = LoggerFactory.getLogger(AlertViews.class);
    private static final Duration FIRST_POLL = Duration.ofMillis(2);
    private static final Duration LONGEST_POLL = Duration.ofMillis(50);

    private final QueryGateway queryGateway;
    private final Duration timeout;
    private final boolean enabled;

    public AlertViews(QueryGateway queryGateway, ExchangeProperties properties) {
        this.queryGateway = queryGateway;
        this.timeout = properties.views().readYourWritesTimeout();
        this.enabled = properties.alerts() == null || properties.alerts().enabled();
    }

    public List<AlertView> forPrescription(PrescriptionId id) {
        return queryGateway.query(new FindAlertsForPrescription(id), ResponseTypes.multipleInstancesOf(AlertView.class))
                .join();
    }

    /** The open alerts of each of these prescriptions, with one query; a prescription without any maps to none. */
    public Map<PrescriptionId, List<AlertView>> openForPrescriptions(Collection<PrescriptionId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<AlertView> alerts = queryGateway.query(new FindOpenAlertsForPrescriptions(Set.copyOf(ids)),
                ResponseTypes.multipleInstancesOf(AlertView.class)).join();
        return alerts.stream().collect(Collectors.groupingBy(AlertView::prescriptionId));
    }

    public List<AlertView> forPatient(PatientId patientId) {
        return queryGateway.query(new FindAlertsForPatient(patientId),
                ResponseTypes.multipleInstancesOf(AlertView.class)).join();
    }

    /** The prescription's alerts once the projection has processed its event {@code version}. */
    public List<AlertView> forPrescriptionAtVersion(PrescriptionId id, long version) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration pause = FIRST_POLL;
        while (enabled && progress(id) < version) {
            if (System.nanoTime() > deadline) {
                log.warn("alerts of {} did not reach version {} within {}", id, version, timeout);
                break;
            }
            sleep(pause);
            pause = pause.multipliedBy(2).compareTo(LONGEST_POLL) > 0 ? LONGEST_POLL : pause.multipliedBy(2);
        }
        return forPrescription(id);
    }

    private long progress(PrescriptionId id) {
        Long version = queryGateway.query(new FindAlertProgress(id), ResponseTypes.instanceOf(Long.class)).join();
        return version == null ? -1 : version;
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for alerts", e);
        }
    }
}
