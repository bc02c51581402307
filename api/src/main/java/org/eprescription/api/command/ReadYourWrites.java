package org.eprescription.api.command;

import org.axonframework.common.Registration;
import org.eprescription.api.config.ExchangeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Lets a command's answer wait until an asynchronous projection shows the command's effect. It follows the
 * projection's changes of what it awaits (told right after the projection's batch commits, in this JVM) and waits in
 * the request's own thread; every {@link #POLL_INTERVAL} it also reads the projection, for changes another node made.
 */
@Component
public class ReadYourWrites {

    private static final Logger log = LoggerFactory.getLogger(ReadYourWrites.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final Duration timeout;

    public ReadYourWrites(ExchangeProperties properties) {
        this.timeout = properties.views().readYourWritesTimeout();
    }

    /**
     * The first value of {@code what} that satisfies {@code reached}, as told to a listener {@code follow} registers or
     * as {@code read} finds it; after the timeout, the newest value read (possibly one that does not satisfy it).
     */
    public <R> Optional<R> await(String what, Function<Consumer<R>, Registration> follow, Supplier<Optional<R>> read,
                                 Predicate<R> reached) {
        CompletableFuture<R> told = new CompletableFuture<>();
        Registration following = follow.apply(value -> {
            if (reached.test(value)) {
                told.complete(value);
            }
        });
        try {
            Optional<R> current = read.get();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (current.isEmpty() || !reached.test(current.get())) {
                if (System.nanoTime() > deadline) {
                    log.warn("{} did not reach the awaited state within {}", what, timeout);
                    return current;
                }
                try {
                    return Optional.of(told.get(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS));
                } catch (TimeoutException poll) {
                    current = read.get();
                }
            }
            return current;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a listener cannot fail the wait for " + what, e);
        } finally {
            following.cancel();
        }
    }
}
