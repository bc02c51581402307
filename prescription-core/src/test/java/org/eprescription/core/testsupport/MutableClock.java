package org.eprescription.core.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test sets and moves; always in UTC. */
public final class MutableClock extends Clock {

    private Instant instant;

    public MutableClock(Instant instant) {
        this.instant = instant;
    }

    public void set(Instant instant) {
        this.instant = instant;
    }

    /** Sets the clock to the given day at the given time (UTC). */
    public void setTo(LocalDate day, LocalTime time) {
        this.instant = day.atTime(time).toInstant(ZoneOffset.UTC);
    }

    public void advance(Duration duration) {
        this.instant = instant.plus(duration);
    }

    public LocalDate today() {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the test clock stays in UTC");
    }

    @Override
    public Instant instant() {
        return instant;
    }
}
