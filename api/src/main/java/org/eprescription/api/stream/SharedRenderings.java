package org.eprescription.api.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.query.consent.ConsentChanges;
import org.eprescription.query.prescription.PrescriptionView;
import org.springframework.stereotype.Component;

import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One change reaches every stream that shows it (a pharmacy's terminals, its institution's screens, the prescription
 * itself): it is rendered once, with its one alert query, and written as JSON once, and that text is shared, instead
 * of being queried and serialized once per stream. The live-latency benchmark found 1,000 streams spending the
 * connection pool on identical queries, and then the CPU on identical serializations.
 */
@Component
public class SharedRenderings {

    /** Recent changes kept; a change is written to its streams within moments, so a few thousand suffice. */
    static final int REMEMBERED = 4096;

    /**
     * A change of a prescription in one shape, rendered while no consent had changed since {@code consents} were
     * counted: a body masks or names other institutions' courses as the patient's consent was when it was rendered.
     */
    private record Key(String shape, PrescriptionId prescriptionId, long position, long version, long consents) {
    }

    private final ConcurrentHashMap<Key, Rendering> renderings = new ConcurrentHashMap<>();
    private final Queue<Key> order = new ConcurrentLinkedQueue<>();
    private final ObjectMapper objectMapper;
    /** Consent changes heard so far (of any patient: they are rare, and a change re-renders only what is asked again). */
    private final AtomicLong consentChanges = new AtomicLong();

    /**
     * @param objectMapper the mapper the API writes its JSON answers with
     * @param consents     tells when a patient's consent changed: nothing rendered before is shared after it
     */
    public SharedRenderings(ObjectMapper objectMapper, ConsentChanges consents) {
        this.objectMapper = objectMapper;
        consents.onChange(consentChanges::incrementAndGet);
    }

    /**
     * {@code render(view)} as JSON, computed once for all callers asking for the same shape of the same change; the
     * same text the API writes for that body. A rendering is shared only until a patient's consent changes
     * (counted before rendering, so one that was being rendered while it changed is not shared afterwards either):
     * a stream that shows the change after a withdrawal has answered gets it rendered anew, masked as a read then
     * would be (docs/alerts.md, "Privacy").
     */
    public String json(String shape, PrescriptionView view, Function<PrescriptionView, Object> render) {
        Key key = new Key(shape, view.prescriptionId(), view.lastPosition(), view.version(), consentChanges.get());
        Rendering rendering = renderings.computeIfAbsent(key, added -> {
            order.add(added);
            return new Rendering();
        });
        while (renderings.size() > REMEMBERED) {
            Key eldest = order.poll();
            if (eldest == null) {
                break;
            }
            renderings.remove(eldest);
        }
        try {
            return rendering.get(() -> write(render.apply(view)));
        } catch (RuntimeException failure) {
            renderings.remove(key, rendering);
            throw failure;
        }
    }

    private String write(Object body) {
        try {
            return objectMapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a live change could not be written as JSON", e);
        }
    }

    /** Computed by the first caller; the others wait for it rather than query too. */
    private static final class Rendering {

        private String value;

        synchronized String get(Supplier<String> compute) {
            if (value == null) {
                value = compute.get();
            }
            return value;
        }
    }
}
