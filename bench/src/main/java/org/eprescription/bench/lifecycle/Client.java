package org.eprescription.bench.lifecycle;

import org.eprescription.bench.common.AlertTally;
import org.eprescription.bench.common.Answer;
import org.eprescription.bench.common.ApiClient;
import org.eprescription.bench.common.Bodies;
import org.eprescription.bench.common.ClosedLoop;
import org.eprescription.bench.common.ErrorLog;
import org.eprescription.bench.common.LifecycleCast;
import org.eprescription.bench.common.Samples;
import org.eprescription.bench.common.Staff;
import org.eprescription.bench.common.Tokens;
import org.eprescription.bench.common.Window;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One client thread: lifecycles (or, issue only, issues for the patient pool) one after another until the window
 * is over. Only its own thread writes what it saw; the report reads it after the clients have finished.
 */
final class Client implements Runnable {

    static final String[] STEPS = {"issue", "accept", "dispense"};
    /**
     * Issue-only drugs: {code, unit}. Duplicates: amlodipine (2171022F1021, 2171022F3024, and in 2149114F1026
     * valsartan+amlodipine), zolpidem (1129009F1025, 1129009F2021); contraindicated pair: triazolam 1124007F1024 with
     * itraconazole 6290002M1021; and three drugs that conflict with none of these (atorvastatin, metformin, loxoprofen).
     */
    static final String[][] ISSUE_DRUGS = {
            {"2171022F1021", "tablet"}, {"2171022F3024", "tablet"}, {"2149114F1026", "tablet"},
            {"1129009F1025", "tablet"}, {"1129009F2021", "tablet"},
            {"1124007F1024", "tablet"}, {"6290002M1021", "capsule"},
            {"2189015F1023", "tablet"}, {"3962002F1024", "tablet"}, {"1149019F1027", "tablet"}};

    private final ApiClient api;
    private final LifecycleLoad.Options options;
    private final Tokens tokens;
    private final Window window;

    final Samples[] latencies = {new Samples(), new Samples(), new Samples()};
    final ErrorLog errors = new ErrorLog();
    long lifecycles;          // dispense 2xx arrived inside the window
    long commands;            // any 2xx command answer arrived inside the window
    long warmupLifecycles;
    final AlertTally issues = new AlertTally();   // issue-only: issue 2xx answers inside the window

    Client(ApiClient api, LifecycleLoad.Options options, Tokens tokens, Window window) {
        this.api = api;
        this.options = options;
        this.tokens = tokens;
        this.window = window;
    }

    /** A request's body and the Authorization header of the identity it is sent as. */
    record Request(String body, String authorization) {
    }

    @Override
    public void run() {
        while (!window.over(System.nanoTime()) && !Thread.currentThread().isInterrupted()) {
            if (options.issueOnly()) {
                issueForThePool();
            } else {
                lifecycle();
            }
        }
    }

    private void lifecycle() {
        LifecycleCast cast = LifecycleCast.random(LifecycleLoad.STAFF);
        String prescriberToken = cast.prescriberToken(tokens);
        String pharmacistToken = cast.pharmacistToken(tokens);
        LifecycleApi via = options.api();
        Answer issuedAnswer = step(0, via.issuePath(), via.issue().apply(cast), prescriberToken);
        if (issuedAnswer == null || !issuedAnswer.ok()) {
            return;
        }
        Optional<LifecycleApi.Issued> issued = via.issued().apply(cast, issuedAnswer.body());
        if (issued.isEmpty()) {
            error(0, "no-exchangeCode", issuedAnswer);
            return;
        }
        Answer accepted = step(1, via.acceptPath(), via.accept().apply(cast, issued.get().exchangeCode()),
                pharmacistToken);
        if (accepted == null || !accepted.ok()) {
            return;
        }
        Answer dispensed = step(2, via.dispensePath().apply(cast, issued.get()),
                via.dispense().apply(cast, issued.get()), pharmacistToken);
        if (dispensed == null || !dispensed.ok()) {
            return;
        }
        // the JSON view's status, and the Task's businessStatus
        if (!dispensed.body().contains("\"COMPLETED\"")) {
            error(2, "not-COMPLETED", dispensed);
            return;
        }
        if (window.contains(dispensed.endNanos())) {
            lifecycles++;
        } else if (!window.measured(dispensed.endNanos())) {
            warmupLifecycles++;
        }
    }

    /** Issue-only: one issue for a random patient of the pool; counts the alerts in the answer. */
    private void issueForThePool() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Request issue = issueRequest(random, random.nextInt(options.patients()));
        Answer issued = step(0, "/prescriptions", issue.body(), issue.authorization());
        if (issued == null || !issued.ok() || !window.contains(issued.endNanos())) {
            return;
        }
        issues.count(issued.body(), issued.body());
    }

    /**
     * Sends one command with the Authorization header {@code authorization}; null when the run is over before it
     * starts or the client was interrupted. Records latency and errors.
     */
    private Answer step(int step, String path, String json, String authorization) {
        long start = System.nanoTime();
        if (window.over(start)) {
            return null;
        }
        Answer answer = api.command(path, json, authorization, options.idempotencyKeys());
        if (Thread.currentThread().isInterrupted()) {
            return null;
        }
        if (!answer.ok()) {
            error(step, answer.errorKey(), answer);
            if (answer.failed()) {
                ClosedLoop.backOff();
            }
            return answer;
        }
        if (window.measured(start)) {
            latencies[step].add(answer.micros());
        }
        if (window.contains(answer.endNanos())) {
            commands++;
        }
        return answer;
    }

    /**
     * One issue for patient n of the pool (its birth date derived from n), one line of the issue-only drugs, by a
     * random prescriber, with that prescriber's token.
     */
    Request issueRequest(ThreadLocalRandom random, int n) {
        String[] drug = ISSUE_DRUGS[random.nextInt(ISSUE_DRUGS.length)];
        int institution = random.nextInt(LifecycleLoad.STAFF.institutions()) + 1;
        String institutionId = Staff.institutionId(institution);
        String prescriberId = Staff.prescriberId(institution,
                random.nextInt(LifecycleLoad.STAFF.prescribersPerInstitution()) + 1);
        String body = Bodies.issue(UUID.randomUUID().toString(), options.poolPatient(n), poolBirthDate(n),
                "Bench Patient", prescriberId, institutionId, Bodies.line(1, drug[0], 28, drug[1], "1 daily", 28), 0);
        return new Request(body, tokens.prescriber(prescriberId, institutionId));
    }

    static LocalDate poolBirthDate(int n) {
        return LocalDate.of(1930, 1, 1).plusDays((n * 7919L) % (365 * 75));
    }

    private void error(int step, String what, Answer answer) {
        errors.record(STEPS[step] + " " + what, answer.body(), window.measured(answer.startNanos()));
    }
}
