package org.eprescription.api.support;

import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * Nodes a test starts one after another on a database of its own, all on one clock the test moves, so that the days
 * run on across restarts (another configuration, alerts switched off and on again). Day 0 is today at noon in Tokyo,
 * so that moving whole days never crosses midnight on the way.
 */
public final class NodesOnMovedDays {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private final TestClock clock = new TestClock(TOKYO);
    private final String url;
    private final String codeKey;
    private final LocalDate day0;

    /** On a new database named after {@code databaseName}, with an exchange-code key of its own. */
    public NodesOnMovedDays(String databaseName) {
        this.url = IsolatedDatabase.createAnother(databaseName);
        this.codeKey = databaseName + "-test-key-0123456789abcdef";
        this.day0 = LocalDate.now(TOKYO);
        moveToDay(0);
    }

    /** A node on the test's database and clock, configured by {@code more}. */
    public ConfigurableApplicationContext start(String... more) {
        return ExchangeNode.startOn(clock, url, codeKey, more);
    }

    public LocalDate day0() {
        return day0;
    }

    /** Noon of day {@code day} counted from day 0, also for the node running now. */
    public void moveToDay(int day) {
        clock.moveTo(day0.plusDays(day).atTime(LocalTime.NOON).atZone(TOKYO).toInstant());
    }

    public void advance(Duration duration) {
        clock.advance(duration);
    }
}
