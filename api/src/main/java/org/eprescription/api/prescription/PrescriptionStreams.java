package org.eprescription.api.prescription;

import lombok.RequiredArgsConstructor;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.eprescription.api.privacy.AccessLog;
import org.eprescription.api.security.ExchangeUser;
import org.eprescription.api.security.ResourceAccess;
import org.eprescription.api.stream.LiveStreams;
import org.eprescription.api.stream.SharedRenderings;
import org.eprescription.api.stream.StreamFormat;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.query.prescription.FindPrescription;
import org.eprescription.query.prescription.PrescriptionView;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Prescription views followed live ({@link LiveStreams}), each stream in the body a read of the same resource
 * answers; a change is rendered once for every stream that shows it ({@link SharedRenderings}).
 */
@Component
@RequiredArgsConstructor
public class PrescriptionStreams {

    private final LiveStreams streams;
    private final SharedRenderings renderings;
    private final PrescriptionResponses responses;
    private final PrescriptionReads reads;
    private final ResourceAccess access;
    private final AccessLog accessLog;

    /**
     * One prescription, for whoever may read it ({@link PrescriptionReads}): a snapshot, then a change whenever it
     * changes, each with the body of {@code GET /prescriptions/{id}}. The snapshot is the view the access check read
     * (a second read could show what another party did meanwhile, such as another pharmacy's accept after this one's
     * release), and the stream follows the changes before that read. The stream ends at the first change after which
     * the caller may no longer read it (a pharmacy that released it to another, say).
     */
    public SseEmitter prescription(PrescriptionId id) {
        Predicate<PrescriptionView> reader = access.readerOfPrescriptions();
        AtomicLong shownVersion = new AtomicLong(-1);
        return streams.openWithSnapshot(new FindPrescription(id),
                () -> reads.readable(id, "live stream of prescription " + id),
                new StreamFormat<PrescriptionView>() {
                    @Override
                    public Object snapshot(PrescriptionView initial) {
                        shownVersion.set(initial.version());
                        // read from the prescription's events while the projection catches up (docs/http-api.md,
                        // "Retries"): the projection's changes up to it are not sent again
                        return initial.lastPosition() < 0 ? responses.current(initial).notUpToDate()
                                : responses.current(initial);
                    }

                    @Override
                    public boolean alreadyShown(PrescriptionView view) {
                        // the same version again is sent: it is told again when a check elsewhere changed its alerts
                        return view.version() < shownVersion.get();
                    }

                    @Override
                    public long snapshotPosition(PrescriptionView initial) {
                        return initial.lastPosition();
                    }

                    @Override
                    public String change(PrescriptionView view) {
                        return renderings.json("all-alerts", view, responses::current);
                    }

                    @Override
                    public boolean stillReadable(PrescriptionView view) {
                        return reader.test(view);
                    }
                });
    }

    /**
     * A list of work (a pharmacy's view, an institution's prescriptions) for a reader the caller admitted: the
     * snapshot as {@code snapshot} answers the query's initial result (logging its read), its id the highest position
     * among the views {@code shown} finds there; then every change with its open alerts. A change the caller may not
     * read as {@code GET /prescriptions/{id}} would answer it, except a prescription waiting for a pharmacy again (the
     * release a pharmacy's view tells its former holder), ends the stream instead of being sent: a release and
     * another pharmacy's accept that reach the stream as one change would show that pharmacy's work to the one that
     * let the prescription go. The client reconnects and gets a snapshot without it. A change that brings a patient
     * the stream has not shown yet is a read of that patient's data, in their access log as {@code what}, as the
     * snapshot's patients are.
     */
    public <I> SseEmitter list(Object query, ResponseType<I> initialType, Function<I, Stream<PrescriptionView>> shown,
                               Function<I, Object> snapshot, String what) {
        Predicate<PrescriptionView> reader = access.readerOfPrescriptions();
        ExchangeUser caller = accessLog.caller();
        Set<PatientId> logged = ConcurrentHashMap.newKeySet();
        return streams.open(query, initialType, new StreamFormat<>() {
            @Override
            public boolean stillReadable(PrescriptionView view) {
                return view.pharmacyId() == null || reader.test(view);
            }

            @Override
            public void beforeChange(PrescriptionView view) {
                if (logged.add(view.patient().id())) {
                    accessLog.read(caller, List.of(view.patient().id()), what);
                }
            }

            @Override
            public Object snapshot(I initial) {
                Object body = snapshot.apply(initial);
                shown.apply(initial).forEach(view -> logged.add(view.patient().id()));
                return body;
            }

            @Override
            public long snapshotPosition(I initial) {
                return shown.apply(initial).mapToLong(PrescriptionView::lastPosition).max().orElse(-1);
            }

            @Override
            public String change(PrescriptionView view) {
                return renderings.json("open-alerts", view, responses::withOpenAlerts);
            }
        });
    }
}
