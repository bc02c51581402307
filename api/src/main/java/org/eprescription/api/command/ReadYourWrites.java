package org.eprescription.api.command;

import org.axonframework.common.Registration;
import org.eprescription.api.config.ExchangeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
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
 * projection's changes of what it awaits (told right after the projection's batch commits, in this JVM, and for a
 * prescription's view also when another node announces its change) and waits in the request's own thread. It also
 * reads the projection now and then, for a change it was not told of (another node's alert progress, a lost
 * announcement): after {@link #FIRST_POLL}, then twice as long each time, at most {@link #LONGEST_POLL}. Reading
 * every 100 ms cost a sixth of the CPU while a loaded projection lagged a second or two behind (docs/benchmarks.md,
 * "Session 11").
 */
@Component
public class ReadYourWrites {

    private static final Logger log = LoggerFactory.getLogger(ReadYourWrites.class);
    private static final long FIRST_POLL = 100;
    private static final long LONGEST_POLL = 1000;

    private final Duration timeout;

    @Autowired
    public ReadYourWrites(ExchangeProperties properties) {
        this(properties.views().readYourWritesTimeout());
    }

    ReadYourWrites(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * The first value of {@code what} that satisfies {@code reached}, as told to a listener {@code follow} registers or
     * as {@code read} finds it; after the timeout, the newest value read (possibly one that does not satisfy it).
     */
    public <R> Optional<R> await(String what, Function<Consumer<R>, Registration> follow, Supplier<Optional<R>> read,
                                 Predicate<R> reached) {
        return await(what, follow, read, read, reached);
    }

    /**
     * As {@link #await(String, Function, Supplier, Predicate)}, with {@code firstRead} once the listener is registered
     * instead of {@code read}: empty where a read cannot find the awaited value yet, which spares the statement.
     */
    public <R> Optional<R> await(String what, Function<Consumer<R>, Registration> follow,
                                 Supplier<Optional<R>> firstRead, Supplier<Optional<R>> read, Predicate<R> reached) {
        CompletableFuture<R> told = new CompletableFuture<>();
        Registration following = follow.apply(value -> {
            if (reached.test(value)) {
                told.complete(value);
            }
        });
        try {
            Optional<R> current = firstRead.get();
            long deadline = System.nanoTime() + timeout.toNanos();
            long poll = FIRST_POLL;
            while (current.isEmpty() || !reached.test(current.get())) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    log.warn("{} did not reach the awaited state within {}", what, timeout);
                    return current;
                }
                try {
                    return Optional.of(told.get(Math.min(poll, left), TimeUnit.MILLISECONDS));
                } catch (TimeoutException noNews) {
                    current = read.get();
                    poll = Math.min(poll * 2, LONGEST_POLL);
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
