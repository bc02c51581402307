package org.eprescription.api.prescription;

import org.eprescription.api.alerts.AlertViews;
import org.eprescription.core.code.ExchangeCodes;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.query.prescription.PrescriptionView;
import org.eprescription.query.alerts.AlertView;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/** Composes what a command or a read answers: the view once it shows the change, with its alerts. */
@Component
public class PrescriptionResponses {

    private final PrescriptionViews views;
    private final AlertViews alerts;
    private final ExchangeCodes exchangeCodes;

    public PrescriptionResponses(PrescriptionViews views, AlertViews alerts, ExchangeCodes exchangeCodes) {
        this.views = views;
        this.alerts = alerts;
        this.exchangeCodes = exchangeCodes;
    }

    /** After an issue: the view and the alerts the issue raised, with the exchange code for the patient. */
    public PrescriptionResponse issued(PrescriptionId id, long version) {
        PrescriptionView view = views.awaitVersion(id, version);
        return new PrescriptionResponse(view, alerts.forPrescriptionAtVersion(id, version), exchangeCodes.codeFor(id));
    }

    /** After any other command: the view once it reached {@code version}. */
    public PrescriptionResponse afterCommand(PrescriptionId id, long version) {
        return PrescriptionResponse.of(views.awaitVersion(id, version), alerts.forPrescription(id));
    }

    public PrescriptionResponse current(PrescriptionView view) {
        return PrescriptionResponse.of(view, alerts.forPrescription(view.prescriptionId()));
    }

    /** Each view with its open alerts (a queue or a list of work), in the given order. */
    public List<PrescriptionResponse> withOpenAlerts(List<PrescriptionView> views) {
        Map<PrescriptionId, List<AlertView>> open = alerts.openForPrescriptions(
                views.stream().map(PrescriptionView::prescriptionId).toList());
        return views.stream()
                .map(view -> PrescriptionResponse.of(view, open.getOrDefault(view.prescriptionId(), List.of())))
                .toList();
    }

    /** One view with its open alerts. */
    public PrescriptionResponse withOpenAlerts(PrescriptionView view) {
        return withOpenAlerts(List.of(view)).get(0);
    }
}
