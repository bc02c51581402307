package org.eprescription.api.alerts;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.eprescription.api.command.ReadYourWrites;
import org.eprescription.api.config.ExchangeProperties;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.query.alerts.AlertView;
import org.eprescription.query.alerts.FindAlertProgress;
import org.eprescription.query.alerts.FindAlertsForPatient;
import org.eprescription.query.alerts.FindAlertsForPrescription;
import org.eprescription.query.alerts.FindOpenAlertsForPrescriptions;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads alerts, and lets an answer wait until the alert projection has processed a prescription's change. */
@Component
public class AlertViews {

    private final QueryGateway queryGateway;
    private final ReadYourWrites readYourWrites;
    private final boolean enabled;

    public AlertViews(QueryGateway queryGateway, ReadYourWrites readYourWrites, ExchangeProperties properties) {
        this.queryGateway = queryGateway;
        this.readYourWrites = readYourWrites;
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

    /** The prescription's alerts once the alert projection has processed its event {@code version}. */
    public List<AlertView> forPrescriptionAtVersion(PrescriptionId id, long version) {
        if (enabled) {
            readYourWrites.await(new FindAlertProgress(id), Long.class, false, processed -> processed >= version);
        }
        return forPrescription(id);
    }
}
