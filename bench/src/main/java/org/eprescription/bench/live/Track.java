package org.eprescription.bench.live;

import java.util.Arrays;
import java.util.List;

/**
 * One lifecycle's prescription: who should see its changes, what the commands answered and when, and every
 * change event of it that a stream delivered (stream index, version, arrival), in the order they came.
 */
final class Track {

    final int institution;
    final int pharmacy;
    final long[] ackNanos = new long[3];       // 0: no 2xx answer
    final long[] answeredVersion = new long[3];
    private int[] eventStream = new int[32];
    private long[] eventVersion = new long[32];
    private long[] eventNanos = new long[32];
    private int events;

    Track(int institution, int pharmacy) {
        this.institution = institution;
        this.pharmacy = pharmacy;
    }

    synchronized void event(int stream, long version, long nanos) {
        if (events == eventStream.length) {
            eventStream = Arrays.copyOf(eventStream, events * 2);
            eventVersion = Arrays.copyOf(eventVersion, events * 2);
            eventNanos = Arrays.copyOf(eventNanos, events * 2);
        }
        eventStream[events] = stream;
        eventVersion[events] = version;
        eventNanos[events] = nanos;
        events++;
    }

    /** Events delivered to a stream that watches neither this prescription's institution nor its pharmacy. */
    synchronized long strays(List<LiveStream> streams) {
        long n = 0;
        for (int i = 0; i < events; i++) {
            LiveStream s = streams.get(eventStream[i]);
            if (s.owner != (s.institution ? institution : pharmacy)) {
                n++;
            }
        }
        return n;
    }

    /**
     * What {@code stream} got of this prescription, as "version@ms" after {@code ack} in arrival order, for telling
     * why a delivery was missed; "nothing" if it got no event of it.
     */
    synchronized String deliveredTo(int stream, long ack) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < events; i++) {
            if (eventStream[i] == stream) {
                out.append(out.isEmpty() ? "" : ", ").append('v').append(eventVersion[i]).append('@')
                        .append((eventNanos[i] - ack) / 1_000_000).append("ms");
            }
        }
        return out.isEmpty() ? "nothing" : out.toString();
    }

    /** Arrival of the first event from {@code stream} with a version >= {@code version}; -1 if none. */
    synchronized long firstArrival(int stream, long version) {
        long best = -1;
        for (int i = 0; i < events; i++) {
            if (eventStream[i] == stream && eventVersion[i] >= version && (best == -1 || eventNanos[i] < best)) {
                best = eventNanos[i];
            }
        }
        return best;
    }
}
