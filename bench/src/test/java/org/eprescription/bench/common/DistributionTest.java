package org.eprescription.bench.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DistributionTest {

    /** 1 ms, 2 ms, ... 100 ms, recorded in microseconds and out of order. */
    private static Samples oneToAHundredMillis() {
        Samples samples = new Samples();
        for (int i = 100; i >= 1; i--) {
            samples.add(i * 1000L);
        }
        return samples;
    }

    @Test
    void percentilesAreNearestRankInMilliseconds() {
        Distribution d = oneToAHundredMillis().distribution();

        assertThat(d.count()).isEqualTo(100);
        assertThat(d.p50()).isEqualTo(50.0);
        assertThat(d.p90()).isEqualTo(90.0);
        assertThat(d.p99()).isEqualTo(99.0);
        assertThat(d.percentile(99.9)).isEqualTo(100.0);
        assertThat(d.percentile(100)).isEqualTo(100.0);
        assertThat(d.min()).isEqualTo(1.0);
        assertThat(d.max()).isEqualTo(100.0);
    }

    @Test
    void aPercentileIsASampleNeverAnInterpolation() {
        Samples samples = new Samples();
        samples.add(1_000);
        samples.add(3_000);
        samples.add(10_000);
        samples.add(20_000);
        Distribution d = samples.distribution();

        assertThat(d.p50()).isEqualTo(3.0);     // rank ceil(0.5 x 4) = 2
        assertThat(d.percentile(51)).isEqualTo(10.0);
        assertThat(d.percentile(1)).isEqualTo(1.0);
        assertThat(d.p99()).isEqualTo(20.0);
    }

    @Test
    void oneSampleIsEveryPercentileAndNoneIsNoFigure() {
        Samples one = new Samples();
        one.add(-2_500);   // a negative latency (an event before its answer) is kept as it is
        assertThat(one.distribution().p50()).isEqualTo(-2.5);
        assertThat(one.distribution().p99()).isEqualTo(-2.5);

        Distribution none = new Samples().distribution();
        assertThat(none.count()).isZero();
        assertThat(none.p50()).isNaN();
        assertThat(none.max()).isNaN();
        assertThat(Format.ms(none.p99())).isEqualTo("-");
    }

    @Test
    void samplesGrowPastTheirFirstArrayAndMerge() {
        Samples many = new Samples();
        for (int i = 0; i < 5000; i++) {
            many.add(i);
        }
        Samples merged = oneToAHundredMillis();
        merged.addAll(many);

        assertThat(merged.size()).isEqualTo(5100);
        assertThat(merged.distribution().max()).isEqualTo(100.0);
        assertThat(merged.distribution().min()).isEqualTo(0.0);
    }
}
