package org.eprescription.bench.lifecycle;

import org.eprescription.bench.common.Answer;
import org.eprescription.bench.common.ApiClient;
import org.eprescription.bench.common.Tokens;
import org.eprescription.bench.common.Window;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Issue-only, before the timed phase: the clients issue --seed-per-patient prescriptions to every patient of the
 * pool (each client its share of patients), unmeasured. Prints how long it took and any failure.
 */
final class Seeding {

    private final ApiClient api;
    private final LifecycleLoad.Options options;
    private final Tokens tokens;

    Seeding(ApiClient api, LifecycleLoad.Options options, Tokens tokens) {
        this.api = api;
        this.options = options;
        this.tokens = tokens;
    }

    void run() throws Exception {
        if (options.seedPerPatient() == 0) {
            return;
        }
        long begin = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(options.clients());
        List<Future<long[]>> parts = new ArrayList<>();
        for (int c = 0; c < options.clients(); c++) {
            int first = c;
            parts.add(pool.submit(() -> seed(first)));
        }
        pool.shutdown();
        long ok = 0;
        long failed = 0;
        for (Future<long[]> part : parts) {
            long[] counts = part.get();
            ok += counts[0];
            failed += counts[1];
        }
        System.out.printf(Locale.ROOT, "seeded %d prescriptions (%d per patient, %d patients) in %.1f s, %d failed%n",
                ok, options.seedPerPatient(), options.patients(), (System.nanoTime() - begin) / 1e9, failed);
    }

    /** The patients first, first + clients, ...: {ok, failed}. */
    private long[] seed(int first) {
        long ok = 0;
        long failed = 0;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Client helper = new Client(api, options, tokens, new Window(0, 0, 0));
        for (int round = 0; round < options.seedPerPatient(); round++) {
            for (int n = first; n < options.patients(); n += options.clients()) {
                Client.Request issue = helper.issueRequest(random, n);
                Answer answer = api.post("/prescriptions", issue.body(), issue.authorization());
                if (answer.ok()) {
                    ok++;
                } else {
                    failed++;
                    if (failed <= 3) {
                        System.err.println("seed issue failed: " + answer.status() + " " + answer.body());
                    }
                }
            }
        }
        return new long[] {ok, failed};
    }
}
