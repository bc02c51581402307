package org.eprescription.api.pharmacy;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class LockOutTest {

    private static final AcceptAttemptsProperties FIVE_A_MINUTE =
            new AcceptAttemptsProperties(5, Duration.ofMinutes(1), Duration.ofMinutes(5), null);
    private static final Instant T = Instant.parse("2025-03-01T09:00:00Z");

    @Test
    void fourFailuresInAMinuteDoNotLockOut() {
        assertThat(LockOut.until(every(Duration.ofSeconds(10), 4), FIVE_A_MINUTE)).isEmpty();
    }

    @Test
    void theFifthFailureWithinAMinuteLocksOutForFiveMinutesFromIt() {
        assertThat(LockOut.until(every(Duration.ofSeconds(10), 5), FIVE_A_MINUTE))
                .contains(T.plusSeconds(40).plus(Duration.ofMinutes(5)));
    }

    @Test
    void fiveFailuresSpreadOverMoreThanAMinuteDoNotLockOut() {
        assertThat(LockOut.until(every(Duration.ofSeconds(16), 5), FIVE_A_MINUTE)).isEmpty();
    }

    @Test
    void theLastLockOutCounts() {
        List<Instant> failures = every(Duration.ofSeconds(1), 7);

        assertThat(LockOut.until(failures, FIVE_A_MINUTE)).contains(T.plusSeconds(6).plus(Duration.ofMinutes(5)));
    }

    private static List<Instant> every(Duration gap, int count) {
        return IntStream.range(0, count).mapToObj(i -> T.plus(gap.multipliedBy(i))).toList();
    }
}
