package org.eprescription.api.prescription;

import org.eprescription.api.eventlog.PrescriptionsFromEvents;
import lombok.RequiredArgsConstructor;
import org.eprescription.api.privacy.AccessLog;
import org.eprescription.api.problem.AnswerMarks;
import org.eprescription.api.security.ResourceAccess;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.query.prescription.PrescriptionView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * A prescription read as {@code GET /prescriptions/{id}} reads it (who may, the read in the patient's access log, the
 * body), for that endpoint, its live stream and the FHIR reads of the same prescription ({@code GET /fhir/Task/{id}},
 * {@code GET /fhir/MedicationDispense?prescription=}).
 */
@Component
@RequiredArgsConstructor
public class PrescriptionReads {

    private static final Logger log = LoggerFactory.getLogger(PrescriptionReads.class);


    private final ResourceAccess access;
    private final AccessLog accessLog;
    private final PrescriptionResponses responses;
    private final PrescriptionViews views;
    private final PrescriptionsFromEvents fromEvents;

    /** The view, for whoever {@link ResourceAccess#readablePrescription} admits; the read in the patient's access log. */
    public PrescriptionView readable(PrescriptionId id) {
        return readable(id, "prescription " + id);
    }

    /** As {@link #readable(PrescriptionId)}, the read logged as {@code what} (a live stream of it, say). */
    public PrescriptionView readable(PrescriptionId id, String what) {
        return readableRecorded(id, what).view();
    }

    /**
     * The body of {@code GET /prescriptions/{id}}: the readable view with its alerts. While the projection has not
     * reached the prescription's last event, the view built from its events, saying so ({@code upToDate: false}, its
     * alerts being the projection's, and {@link AnswerMarks#ANSWERED_FROM_EVENTS}), so that a read after a command's
     * answer always shows that command (docs/http-api.md, "Retries").
     */
    public PrescriptionResponse response(PrescriptionId id) {
        PrescriptionViews.Recorded read = readableRecorded(id, "prescription " + id);
        if (!read.fromEvents()) {
            return responses.current(read.view());
        }
        AnswerMarks.markAnsweredFromEvents();
        return responses.current(read.view()).notUpToDate();
    }

    private PrescriptionViews.Recorded readableRecorded(PrescriptionId id, String what) {
        PrescriptionViews.Recorded read = latest(id);
        PrescriptionView view = access.readablePrescription(id, Optional.ofNullable(read.view()));
        accessLog.read(view.patient().id(), what);
        return read;
    }

    /** The projection's view, or the events' when the store holds an event the view has not taken in yet. */
    private PrescriptionViews.Recorded latest(PrescriptionId id) {
        Optional<PrescriptionView> projected = views.find(id);
        long projectedVersion = projected.map(PrescriptionView::version).orElse(-1L);
        try {
            if (fromEvents.lastSequence(id) <= projectedVersion) {
                return new PrescriptionViews.Recorded(projected.orElse(null), false);
            }
            return fromEvents.read(id).map(view -> new PrescriptionViews.Recorded(view, true))
                    .orElseGet(() -> new PrescriptionViews.Recorded(projected.orElse(null), false));
        } catch (RuntimeException unreadable) {
            // the store out of reach, or an event the view's rules refuse (the one the projection set aside): the
            // projection's view still answers, as it did before reads compared it with the store
            if (projected.isEmpty()) {
                throw unreadable;
            }
            log.warn("prescription {}: its events could not be read, answering the projection's view: {}", id,
                    unreadable.toString());
            return new PrescriptionViews.Recorded(projected.get(), false);
        }
    }
}
