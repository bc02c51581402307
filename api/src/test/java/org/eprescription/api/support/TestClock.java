package org.eprescription.api.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock the tests move, to reach validUntil and refill windows without waiting days; in the exchange's configured
 * zone, as the application's own clock is.
 */
public class TestClock extends Clock {

    private final ZoneId zone;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public TestClock(ZoneId zone) {
        this.zone = zone;
    }

    /** Real time plus however far the tests have moved it. */
    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    public LocalDate today() {
        return LocalDate.ofInstant(instant(), zone);
    }

    public void advance(Duration duration) {
        offset.updateAndGet(current -> current.plus(duration));
    }

    /** Moves the clock so that it reads {@code target} now (and runs on from there). */
    public void moveTo(Instant target) {
        offset.set(Duration.between(Instant.now(), target));
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the exchange reads dates in one zone");
    }
}
