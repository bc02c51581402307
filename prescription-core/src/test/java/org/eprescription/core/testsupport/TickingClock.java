package org.eprescription.core.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock each read of which is one tick later than the one before, in UTC: started on a day's last millisecond, a
 * command that reads it twice sees two days. A command reads the clock once (docs/domain.md, "Days"), so the day it
 * judges with and the day and instant it records are those of its first read.
 */
public final class TickingClock extends Clock {

    private Instant next;
    private final Duration tick;

    public TickingClock(Instant first, Duration tick) {
        this.next = first;
        this.tick = tick;
    }

    /** Reads of a millisecond each, from the day's last millisecond in UTC. */
    public static TickingClock atMidnight(java.time.LocalDate endingDay) {
        return new TickingClock(endingDay.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusMillis(1),
                Duration.ofMillis(1));
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
        Instant now = next;
        next = next.plus(tick);
        return now;
    }
}
