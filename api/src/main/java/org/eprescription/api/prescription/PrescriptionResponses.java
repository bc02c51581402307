package org.eprescription.api.prescription;

import lombok.RequiredArgsConstructor;
import org.eprescription.api.alerts.AlertCheck;
import org.eprescription.api.alerts.AlertCompleteness;
import org.eprescription.api.alerts.AlertViews;
import org.eprescription.core.ids.PatientId;
import org.eprescription.api.problem.AnswerMarks;
import org.eprescription.api.problem.CommandRecordedException;
import org.eprescription.core.code.ExchangeCodes;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.CommandOutcome;
import org.eprescription.query.prescription.PrescriptionView;
import org.eprescription.query.alerts.query.AlertView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** Composes what a command or a read answers: the view once it shows the change, with its alerts. */
@Component
@RequiredArgsConstructor
public class PrescriptionResponses {

    private static final Logger log = LoggerFactory.getLogger(PrescriptionResponses.class);

    private final PrescriptionViews views;
    private final AlertViews alerts;
    private final AlertCompleteness completeness;
    private final ExchangeCodes exchangeCodes;

    /**
     * After an issue: the view, the alerts the check recorded (from the command itself, never from a
     * projection that may lag: docs/alerts.md), and the exchange code for the patient.
     */
    public PrescriptionResponse issued(PrescriptionId id, CommandOutcome outcome) {
        PrescriptionViews.Recorded recorded = views.awaitRecorded(id, outcome.version());
        return completing(id, recorded, () -> new PrescriptionResponse(recorded.view(), alerts.recorded(outcome),
                outcome.code() == null ? exchangeCodes.codeFor(id)
                        : exchangeCodes.codeFor(id, outcome.code().keyId(), outcome.code().attempt()),
                AlertCheck.of(outcome)));
    }

    /** After a dispensing: the view, and the alerts its check raised (none: nothing new; docs/alerts.md). */
    public PrescriptionResponse dispensed(PrescriptionId id, CommandOutcome outcome) {
        PrescriptionViews.Recorded recorded = views.awaitRecorded(id, outcome.version());
        return completing(id, recorded, () -> new PrescriptionResponse(recorded.view(), alerts.recorded(outcome), null,
                AlertCheck.of(outcome)));
    }

    /**
     * After any other command: the view once it reached {@code version}, with its alerts; built from the events when
     * the view lags, and then {@code upToDate: false}, since the alerts are the projection's.
     */
    public PrescriptionResponse afterCommand(PrescriptionId id, long version) {
        PrescriptionViews.Recorded recorded = views.awaitRecorded(id, version);
        return completing(id, recorded, () -> recorded.fromEvents()
                ? PrescriptionResponse.of(recorded.view(), alerts.forPrescription(id), true)
                : current(recorded.view()));
    }

    /**
     * The command is already recorded: a failure to complete its answer (the store went away meanwhile) must not say
     * otherwise, so it becomes "recorded" (202 with Location) and the client reads again instead of repeating it.
     */
    private static PrescriptionResponse completing(PrescriptionId id, PrescriptionViews.Recorded recorded,
                                                   Supplier<PrescriptionResponse> answer) {
        PrescriptionResponse response;
        try {
            response = answer.get();
        } catch (RuntimeException failure) {
            log.warn("prescription {} was recorded but its answer could not be completed: {}", id, failure.toString());
            throw new CommandRecordedException(PrescriptionViews.locationOf(id), "the command on prescription " + id
                    + " was recorded, but its answer cannot be completed now; read it at Location later, do not "
                    + "repeat the command", failure);
        }
        if (recorded.fromEvents()) {
            AnswerMarks.markAnsweredFromEvents();
        }
        return response;
    }

    /**
     * The view as it is, with its alerts; {@code upToDate: false} when its patient's alerts may be incomplete: events
     * not taken in yet, or courses no check recorded ({@link AlertCompleteness}).
     */
    public PrescriptionResponse current(PrescriptionView view) {
        return PrescriptionResponse.of(view, alerts.forPrescription(view.prescriptionId()),
                !completeness.complete(view.patient().id()));
    }

    /**
     * Each view with its open alerts (a queue or a list of work), in the given order; {@code upToDate: false} on those
     * whose patient's alerts may be incomplete ({@link AlertCompleteness}).
     */
    public List<PrescriptionResponse> withOpenAlerts(List<PrescriptionView> views) {
        Map<PrescriptionId, List<AlertView>> open = alerts.openForPrescriptions(
                views.stream().map(PrescriptionView::prescriptionId).toList());
        Set<PatientId> pending = completeness.incompleteAmong(views.stream().map(view -> view.patient().id()).toList());
        return views.stream()
                .map(view -> PrescriptionResponse.of(view, open.getOrDefault(view.prescriptionId(), List.of()),
                        pending.contains(view.patient().id())))
                .toList();
    }

    /** One view with its open alerts. */
    public PrescriptionResponse withOpenAlerts(PrescriptionView view) {
        return withOpenAlerts(List.of(view)).get(0);
    }
}
