package org.eprescription.api.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock the tests move forward, to reach validUntil and refill windows without waiting days. */
public class TestClock extends Clock {

    private final AtomicReference<Instant> offset = new AtomicReference<>(Instant.EPOCH);
    /** Real time plus however far the tests have moved it. */
    @Override
    public Instant instant() {
        return Instant.now().plus(Duration.between(Instant.EPOCH, offset.get()));
    }

    public java.time.LocalDate today() {
        return java.time.LocalDate.ofInstant(instant(), getZone());
    }

    public void advance(Duration duration) {
        offset.updateAndGet(current -> current.plus(duration));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the exchange reads dates in one zone");
    }
}
