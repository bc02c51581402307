package org.eprescription.bench.live;

import org.eprescription.bench.common.Answer;
import org.eprescription.bench.common.ErrorLog;
import org.eprescription.bench.common.Samples;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** What the lifecycle workers saw, shared (the counts are few and the samples synchronized). */
final class LoadResult {

    static final String[] STEPS = {"issue", "accept", "dispense"};

    final AtomicLong lifecyclesInWindow = new AtomicLong();   // dispense 2xx acknowledged inside the window
    final AtomicLong commandsInWindow = new AtomicLong();
    final AtomicLong startedInWindow = new AtomicLong();      // lifecycles due inside the window that started
    final AtomicLong dueInWindow = new AtomicLong();
    final AtomicLong notStarted = new AtomicLong();           // due, but no worker before the end
    final AtomicInteger inFlight = new AtomicInteger();
    final Samples startLagMicros = new Samples();             // lifecycles due inside the window
    final Samples[] commandMicros = {new Samples(), new Samples(), new Samples()};
    final ErrorLog errors = new ErrorLog();

    synchronized void lag(long micros) {
        startLagMicros.add(micros);
    }

    synchronized void command(int step, long micros) {
        commandMicros[step].add(micros);
    }

    void error(int step, String what, Answer answer, boolean inWindow) {
        errors.record(STEPS[step] + " " + what, answer.body(), inWindow);
    }
}
