package org.eprescription.bench.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exchange's local tokens ({@code POST /local-tokens}: the exchange must run with
 * {@code --exchange.security.local-tokens.enabled=true}, as bench/lib.sh starts it), one per identity, each fetched
 * once and kept as the {@code Authorization} header's value. Programs fetch the ones they need before anything is
 * measured; a failure ends the run (no token, no benchmark).
 */
public final class Tokens {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");

    private final ApiClient api;
    private final Map<String, String> byRequest = new ConcurrentHashMap<>();

    public Tokens(ApiClient api) {
        this.api = api;
    }

    public String prescriber(String prescriberId, String institutionId) {
        return of("{\"role\":\"PRESCRIBER\",\"subject\":\"" + prescriberId + "\",\"institutionId\":\"" + institutionId
                + "\"}");
    }

    public String pharmacist(String pharmacistId, String pharmacyId) {
        return of("{\"role\":\"PHARMACIST\",\"subject\":\"" + pharmacistId + "\",\"pharmacyId\":\"" + pharmacyId
                + "\"}");
    }

    public String auditor(String subject) {
        return of("{\"role\":\"AUDITOR\",\"subject\":\"" + subject + "\"}");
    }

    public String patient(String patientId) {
        return of("{\"role\":\"PATIENT\",\"subject\":\"" + patientId + "\",\"patientId\":\"" + patientId + "\"}");
    }

    /** How many tokens were fetched. */
    public int size() {
        return byRequest.size();
    }

    /** "Bearer &lt;token&gt;" for the token request {@code json}, fetched on first use. */
    String of(String json) {
        return byRequest.computeIfAbsent(json, this::fetch);
    }

    private String fetch(String json) {
        Answer answer = api.post("/local-tokens", json, null);
        Matcher token = answer.ok() ? ACCESS_TOKEN.matcher(answer.body()) : null;
        if (token == null || !token.find()) {
            throw new IllegalStateException("POST /local-tokens " + json + " answered " + answer.status() + " "
                    + answer.body() + " (is the exchange running with "
                    + "--exchange.security.local-tokens.enabled=true?)");
        }
        return "Bearer " + token.group(1);
    }

    /** Runs the fetches on a few threads and prints how many tokens there are and how long it took. */
    public void fetchAll(List<Runnable> fetches, int threads, String what) throws InterruptedException {
        long begin = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Runnable fetch : fetches) {
                done.add(pool.submit(fetch));
            }
            for (Future<?> f : done) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf(Locale.ROOT, "fetched %d local tokens (%s) in %.1f s, not measured%n", size(), what,
                (System.nanoTime() - begin) / 1e9);
    }
}
