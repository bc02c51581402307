package org.eprescription.bench.live;

import org.eprescription.bench.common.Answer;
import org.eprescription.bench.common.ApiClient;
import org.eprescription.bench.common.Bodies;
import org.eprescription.bench.common.LifecycleCast;
import org.eprescription.bench.common.Staff;
import org.eprescription.bench.common.Tokens;
import org.eprescription.bench.common.Window;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/** One lifecycle, due at {@code dueNanos}: issue -> accept -> dispense, each answer noted in its track. */
record Lifecycle(ApiClient api, Staff staff, Tokens tokens, Map<String, Track> tracks, LoadResult result, long dueNanos,
                 Window window, boolean idempotencyKeys) implements Runnable {

    @Override
    public void run() {
        long started = System.nanoTime();
        if (window.over(started)) {
            result.notStarted.incrementAndGet();
            return;
        }
        if (window.contains(dueNanos)) {
            result.startedInWindow.incrementAndGet();
            result.lag((started - dueNanos) / 1_000);
        }
        result.inFlight.incrementAndGet();
        try {
            lifecycle();
        } finally {
            result.inFlight.decrementAndGet();
        }
    }

    private void lifecycle() {
        LifecycleCast cast = LifecycleCast.random(staff);
        String prescriberToken = cast.prescriberToken(tokens);
        String pharmacistToken = cast.pharmacistToken(tokens);
        Track track = new Track(cast.institution(), cast.pharmacy());
        tracks.put(cast.prescriptionId(), track);   // before the issue: its event may arrive before its answer

        Answer issued = step(track, 0, "/prescriptions", cast.issue(), prescriberToken);
        if (issued == null) {
            return;
        }
        Optional<String> code = Bodies.exchangeCode(issued.body());
        if (code.isEmpty()) {
            result.error(0, "no-exchangeCode", issued, window.measured(issued.startNanos()));
            return;
        }
        if (step(track, 1, "/prescriptions/accept", cast.accept(code.get()), pharmacistToken) == null) {
            return;
        }
        Answer dispensed = step(track, 2, cast.dispensePath(), cast.dispense(), pharmacistToken);
        if (dispensed == null) {
            return;
        }
        if (!dispensed.body().contains("\"COMPLETED\"")) {
            result.error(2, "not-COMPLETED", dispensed, window.measured(dispensed.startNanos()));
            return;
        }
        if (window.contains(dispensed.endNanos())) {
            result.lifecyclesInWindow.incrementAndGet();
        }
    }

    /** Sends one command; null (after counting the error) unless it answered 2xx with a version. */
    private Answer step(Track track, int step, String path, String json, String authorization) {
        Answer answer = api.command(path, json, authorization, idempotencyKeys);
        boolean measured = window.measured(answer.startNanos());
        if (!answer.ok()) {
            result.error(step, answer.errorKey(), answer, measured);
            return null;
        }
        Matcher v = LiveStream.VERSION.matcher(answer.body());
        if (!v.find()) {
            result.error(step, "no-version", answer, measured);
            return null;
        }
        track.answeredVersion[step] = Long.parseLong(v.group(1));
        track.ackNanos[step] = answer.endNanos();
        if (measured) {
            result.command(step, answer.micros());
        }
        if (window.contains(answer.endNanos())) {
            result.commandsInWindow.incrementAndGet();
        }
        return answer;
    }
}
