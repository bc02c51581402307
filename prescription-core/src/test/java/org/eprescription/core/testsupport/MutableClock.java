package org.eprescription.core.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock the test sets and moves; always in UTC. A ticking one ({@link #tickingFromDaysEnd}) is one tick later at
 * each read: started on a day's last millisecond, a command that reads it twice sees two days. A command reads the
 * clock once (docs/domain.md, "Days"), so the day it judges with and the day and instant it records are those of
 * its first read.
 */
public final class MutableClock extends Clock {

    private Instant instant;
    private final Duration tickPerRead;

    public MutableClock(Instant instant) {
        this(instant, Duration.ZERO);
    }

    private MutableClock(Instant instant, Duration tickPerRead) {
        this.instant = instant;
        this.tickPerRead = tickPerRead;
    }

    /** Reads of a millisecond each, from the day's last millisecond in UTC. */
    public static MutableClock tickingFromDaysEnd(LocalDate endingDay) {
        return new MutableClock(endingDay.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusMillis(1),
                Duration.ofMillis(1));
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
        Instant now = instant;
        instant = instant.plus(tickPerRead);
        return now;
    }
}
