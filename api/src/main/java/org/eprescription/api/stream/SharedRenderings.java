package org.eprescription.api.stream;

import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.query.prescription.PrescriptionView;
import org.springframework.stereotype.Component;

import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * One change reaches every stream that shows it (a pharmacy's terminals, its institution's screens, the prescription
 * itself): it is rendered once, with its one alert query, and the rendering is shared, instead of once per stream.
 * The live-latency benchmark found 1,000 streams spending the connection pool on identical queries.
 */
@Component
public class SharedRenderings {

    /** Recent changes kept; a change is written to its streams within moments, so a few thousand suffice. */
    static final int REMEMBERED = 4096;

    private record Key(String shape, PrescriptionId prescriptionId, long position, long version) {
    }

    private final ConcurrentHashMap<Key, Rendering> renderings = new ConcurrentHashMap<>();
    private final Queue<Key> order = new ConcurrentLinkedQueue<>();

    /** {@code render(view)}, computed once for all callers asking for the same shape of the same change. */
    public Object of(String shape, PrescriptionView view, Function<PrescriptionView, Object> render) {
        Key key = new Key(shape, view.prescriptionId(), view.lastPosition(), view.version());
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
            return rendering.get(() -> render.apply(view));
        } catch (RuntimeException failure) {
            renderings.remove(key, rendering);
            throw failure;
        }
    }

    /** Computed by the first caller; the others wait for it rather than query too. */
    private static final class Rendering {

        private Object value;

        synchronized Object get(java.util.function.Supplier<Object> compute) {
            if (value == null) {
                value = compute.get();
            }
            return value;
        }
    }
}
