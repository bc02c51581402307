package org.eprescription.bench.common;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A run's timeline in {@link System#nanoTime()}: it began, a warmup whose samples are thrown away, then the
 * measured window from {@code start} to {@code end}.
 */
public record Window(long begin, long start, long end) {

    public static Window fromNow(int warmupSeconds, int durationSeconds) {
        long begin = System.nanoTime();
        long start = begin + TimeUnit.SECONDS.toNanos(warmupSeconds);
        return new Window(begin, start, start + TimeUnit.SECONDS.toNanos(durationSeconds));
    }

    public boolean contains(long nanos) {
        return nanos >= start && nanos < end;
    }

    /** Whether something that started at {@code nanos} counts (it started after the warmup). */
    public boolean measured(long nanos) {
        return nanos >= start;
    }

    public boolean over(long nanos) {
        return nanos >= end;
    }

    /** "warmup" or "measuring", and the seconds since the run began, for progress lines. */
    public String progress(long nanos) {
        return String.format(Locale.ROOT, "%3d s elapsed (%s)", TimeUnit.NANOSECONDS.toSeconds(nanos - begin),
                nanos < start ? "warmup" : "measuring");
    }
}
