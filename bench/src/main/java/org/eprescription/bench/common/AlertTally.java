package org.eprescription.bench.common;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many answers carried a non-empty {@code alerts} array, how many alerts were in them, and the first such
 * answer: that the exchange actually computed and raised alerts under load. One per client thread, merged after.
 */
public final class AlertTally {

    private static final Pattern NON_EMPTY_ALERTS = Pattern.compile("\"alerts\"\\s*:\\s*\\[\\s*\\{");
    private static final Pattern ALERT_ID = Pattern.compile("\"alertId\"\\s*:");

    private long answers;
    private long withAlerts;
    private long alerts;
    private String sample;

    /** One 2xx answer inside the measured window; {@code shown} is what the report prints if it is the first. */
    public void count(String answer, String shown) {
        answers++;
        if (NON_EMPTY_ALERTS.matcher(answer).find()) {
            withAlerts++;
            Matcher ids = ALERT_ID.matcher(answer);
            while (ids.find()) {
                alerts++;
            }
            if (sample == null) {
                sample = shown;
            }
        }
    }

    public void addAll(AlertTally other) {
        answers += other.answers;
        withAlerts += other.withAlerts;
        alerts += other.alerts;
        if (sample == null) {
            sample = other.sample;
        }
    }

    public long answers() {
        return answers;
    }

    /** The first answer with alerts under {@code heading}, on one line and cut short; nothing if there was none. */
    public void printSample(String heading) {
        if (sample != null) {
            System.out.println(heading);
            System.out.println("    " + Format.flat(sample, 1500));
        }
    }

    /** The report's line, e.g. "with alerts        12 of 40 issue answers (30.0 %), 15 alerts in them". */
    public String line(String ofWhat) {
        return String.format(Locale.ROOT, "with alerts        %d of %d %s (%.1f %%), %d alerts in them", withAlerts,
                answers, ofWhat, share(), alerts);
    }

    /** The Markdown cell, e.g. "12 (30.0 %)". */
    public String cell() {
        return String.format(Locale.ROOT, "%d (%.1f %%)", withAlerts, share());
    }

    private double share() {
        return answers == 0 ? 0 : 100.0 * withAlerts / answers;
    }
}
