package org.eprescription.api.prescription;

import org.eprescription.api.alerts.AlertViews;
import org.eprescription.core.code.ExchangeCodes;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.query.prescription.PrescriptionView;
import org.eprescription.query.alerts.AlertView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Composes what a command or a read answers: the view once it shows the change, with its alerts. */
@Component
public class PrescriptionResponses {

    private static final Logger log = LoggerFactory.getLogger(PrescriptionResponses.class);

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
        return readAfterRecording(id, () -> {
            PrescriptionView view = views.awaitVersion(id, version);
            return new PrescriptionResponse(view, alerts.forPrescriptionAtVersion(id, version),
                    exchangeCodes.codeFor(id));
        });
    }

    /** After any other command: the view once it reached {@code version}. */
    public PrescriptionResponse afterCommand(PrescriptionId id, long version) {
        return readAfterRecording(id,
                () -> PrescriptionResponse.of(views.awaitVersion(id, version), alerts.forPrescription(id)));
    }

    /**
     * The command is already recorded: a failure to read its answer (the store went away meanwhile) must not say
     * otherwise, so it becomes "recorded, view not ready" and the client reads again instead of repeating it.
     */
    private static PrescriptionResponse readAfterRecording(PrescriptionId id, Supplier<PrescriptionResponse> read) {
        try {
            return read.get();
        } catch (ViewNotReadyException notReady) {
            throw notReady;
        } catch (RuntimeException failure) {
            log.warn("prescription {} was recorded but its view could not be read: {}", id, failure.toString());
            throw new ViewNotReadyException("prescription " + id
                    + " was recorded, but its view cannot be read now; read it again shortly", failure);
        }
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
