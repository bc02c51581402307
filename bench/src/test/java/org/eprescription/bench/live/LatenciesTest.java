package org.eprescription.bench.live;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class LatenciesTest {

    private static final long MISS = TimeUnit.SECONDS.toNanos(5);
    private static final long ACK = TimeUnit.SECONDS.toNanos(100);

    private final LiveStream institution = new LiveStream(0, true, 1, Map.of());
    private final LiveStream pharmacy = new LiveStream(1, false, 1, Map.of());

    @Test
    void aStreamThatGotOnlyAnEarlierVersionMissedTheDeliveryAndSaysWhatItGot() {
        Track track = new Track(1, 1);
        track.event(institution.index, 5, ACK + TimeUnit.MILLISECONDS.toNanos(3));
        track.event(pharmacy.index, 4, ACK - TimeUnit.MILLISECONDS.toNanos(8));
        Latencies latencies = new Latencies();

        latencies.command("rx-1", track, ACK, 5, List.of(institution, pharmacy), MISS);

        assertThat(latencies.expected).isEqualTo(2);
        assertThat(latencies.missed).isEqualTo(1);
        assertThat(latencies.late).isZero();
        assertThat(latencies.incomplete).isEqualTo(1);
        assertThat(latencies.deliveries.distribution().count()).isEqualTo(1);
        assertThat(latencies.missedExamples).containsExactly("rx-1 answered v5, stream PH-01#1 got v4@-8ms");
    }

    @Test
    void aDeliveryAfterTheMissTimeoutIsMissedAndLate() {
        Track track = new Track(1, 1);
        track.event(institution.index, 5, ACK + MISS + 1);
        Latencies latencies = new Latencies();

        latencies.command("rx-2", track, ACK, 5, List.of(institution), MISS);

        assertThat(latencies.missed).isEqualTo(1);
        assertThat(latencies.late).isEqualTo(1);
        assertThat(latencies.noneInTime).isEqualTo(1);
        assertThat(latencies.missedExamples).containsExactly("rx-2 answered v5, stream HOSP-01#0 got v5@5000ms");
    }

    @Test
    void theTotalKeepsAtMostTenExamples() {
        Latencies total = new Latencies();
        for (int step = 0; step < 3; step++) {
            Latencies one = new Latencies();
            for (int i = 0; i < 6; i++) {
                one.command("rx-" + step + "-" + i, new Track(1, 1), ACK, 5, List.of(pharmacy), MISS);
            }
            total.add(one);
        }

        assertThat(total.missed).isEqualTo(18);
        assertThat(total.missedExamples).hasSize(10);
    }
}
