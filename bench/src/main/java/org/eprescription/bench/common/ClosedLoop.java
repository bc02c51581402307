package org.eprescription.bench.common;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Closed-loop clients: each on its own thread sends a request, waits for the answer and sends the next, until the
 * window is over. Prints progress every 10 s; waits for the last requests at most the request timeout (and 5 s)
 * after the end, then interrupts the clients.
 */
public final class ClosedLoop {

    private ClosedLoop() {
    }

    public static void run(List<? extends Runnable> clients, Window window, Duration requestTimeout)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(clients.size(), r -> {
            Thread t = new Thread(r);
            t.setDaemon(true); // never keeps the JVM alive past main
            return t;
        });
        List<Future<?>> futures = new ArrayList<>();
        for (Runnable client : clients) {
            futures.add(pool.submit(client));
        }
        pool.shutdown();
        while (!window.over(System.nanoTime())) {
            long remaining = TimeUnit.NANOSECONDS.toMillis(window.end() - System.nanoTime());
            if (pool.awaitTermination(Math.min(10_000, Math.max(1, remaining)), TimeUnit.MILLISECONDS)) {
                break;
            }
            long now = System.nanoTime();
            if (window.end() - now > TimeUnit.SECONDS.toNanos(1)) {
                System.out.println("  " + window.progress(now));
            }
        }
        long graceMillis = requestTimeout.toMillis() + 5_000;
        if (!pool.awaitTermination(graceMillis, TimeUnit.MILLISECONDS)) {
            System.err.printf(Locale.ROOT, "warning: clients still busy %d ms after the end; interrupting them%n",
                    graceMillis);
            pool.shutdownNow();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
        for (Future<?> f : futures) {
            if (f.isDone() && !f.isCancelled()) {
                try {
                    f.get();
                } catch (Exception e) {
                    System.err.println("client failed: " + e.getCause());
                }
            }
        }
    }

    /** A short pause after a request got no answer, so that a client does not spin when the server is gone. */
    public static void backOff() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
