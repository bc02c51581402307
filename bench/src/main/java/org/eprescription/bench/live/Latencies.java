package org.eprescription.bench.live;

import org.eprescription.bench.common.Samples;

import java.util.ArrayList;
import java.util.List;

/** The delivery latencies of one step (or all steps), in microseconds, signed: acknowledgement -> change event. */
final class Latencies {

    final Samples first = new Samples();       // per command: first subscriber's arrival
    final Samples all = new Samples();         // per command with every delivery in time: the last one's
    final Samples deliveries = new Samples();  // per (command, subscriber) in time
    long commands;
    long noSubscribers;       // commands with no subscriber to expect (no stream of that institution/pharmacy)
    long noneInTime;          // commands no subscriber got within the miss timeout
    long incomplete;          // commands some subscriber did not get within the miss timeout
    long expected;            // deliveries expected
    long missed;              // deliveries that never came within the miss timeout
    long late;                // ... of which arrived, but later than the miss timeout
    long negativeFirst;
    long negativeDeliveries;
    /** The first few missed deliveries, each with what its stream got of that prescription. */
    final List<String> missedExamples = new ArrayList<>();
    private static final int MISSED_EXAMPLES = 10;

    /**
     * One command acknowledged at {@code ack}: for each stream that should see it, the first event of that
     * prescription with at least the answered version.
     */
    void command(String prescriptionId, Track track, long ack, long version, List<LiveStream> expectedStreams,
                 long missNanos) {
        commands++;
        if (expectedStreams.isEmpty()) {
            noSubscribers++;
            return;
        }
        long earliest = Long.MAX_VALUE;
        long latest = Long.MIN_VALUE;
        boolean complete = true;
        for (LiveStream s : expectedStreams) {
            expected++;
            long arrival = track.firstArrival(s.index, version);
            if (arrival == -1 || arrival - ack > missNanos) {
                missed++;
                if (arrival != -1) {
                    late++;
                }
                if (missedExamples.size() < MISSED_EXAMPLES) {
                    missedExamples.add(prescriptionId + " answered v" + version + ", stream " + s.name() + " got "
                            + track.deliveredTo(s.index, ack) + (s.endedNanos == 0 ? "" : " (stream ended: "
                            + s.endReason + ")"));
                }
                complete = false;
                continue;
            }
            long micros = (arrival - ack) / 1_000;
            deliveries.add(micros);
            if (micros < 0) {
                negativeDeliveries++;
            }
            earliest = Math.min(earliest, micros);
            latest = Math.max(latest, micros);
        }
        if (earliest == Long.MAX_VALUE) {
            noneInTime++;
            incomplete++;
            return;
        }
        first.add(earliest);
        if (earliest < 0) {
            negativeFirst++;
        }
        if (complete) {
            all.add(latest);
        } else {
            incomplete++;
        }
    }

    void add(Latencies other) {
        first.addAll(other.first);
        all.addAll(other.all);
        deliveries.addAll(other.deliveries);
        commands += other.commands;
        noSubscribers += other.noSubscribers;
        noneInTime += other.noneInTime;
        incomplete += other.incomplete;
        expected += other.expected;
        missed += other.missed;
        late += other.late;
        negativeFirst += other.negativeFirst;
        negativeDeliveries += other.negativeDeliveries;
        other.missedExamples.stream().limit(MISSED_EXAMPLES - missedExamples.size()).forEach(missedExamples::add);
    }
}
