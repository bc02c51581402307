package org.eprescription.api.command;

import org.axonframework.common.Registration;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

class ReadYourWritesTest {

    private final ReadYourWrites readYourWrites = new ReadYourWrites(Duration.ofSeconds(2));
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicReference<Consumer<Long>> listener = new AtomicReference<>();
    private final AtomicInteger cancelled = new AtomicInteger();

    private final Function<Consumer<Long>, Registration> follow = registered -> {
        listener.set(registered);
        return () -> {
            cancelled.incrementAndGet();
            return true;
        };
    };

    private Supplier<Optional<Long>> reading(long version) {
        return () -> {
            reads.incrementAndGet();
            return Optional.of(version);
        };
    }

    @Test
    void aVersionAlreadyThereIsAnsweredFromTheFirstRead() {
        assertThat(readYourWrites.await("view", follow, reading(3), version -> version >= 3)).contains(3L);
        assertThat(reads).hasValue(1);
        assertThat(cancelled).hasValue(1);
    }

    /** The projection tells the registered listener these versions, one after the other, 50 ms from now. */
    private void tellSoon(long... versions) {
        CompletableFuture.runAsync(() -> {
            for (long version : versions) {
                listener.get().accept(version);
            }
        }, CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS));
    }

    @Test
    void aToldVersionEndsTheWaitWithoutReadingAgain() {
        tellSoon(5L);

        assertThat(readYourWrites.await("view", follow, reading(1), version -> version >= 5)).contains(5L);
        assertThat(reads).hasValue(1);
        assertThat(cancelled).hasValue(1);
    }

    @Test
    void aFirstReadThatCannotFindTheVersionYetSparesTheReadAndTheTellAnswers() {
        tellSoon(5L);

        assertThat(readYourWrites.await("view", follow, Optional::empty, reading(1), version -> version >= 5))
                .contains(5L);
        assertThat(reads).hasValue(0);
    }

    @Test
    void aToldVersionShortOfTheAwaitedOneDoesNotEndTheWait() {
        tellSoon(4L, 5L);

        assertThat(readYourWrites.await("view", follow, reading(1), version -> version >= 5)).contains(5L);
    }

    /** Polls after 100, 300, 700 and 1,500 ms and at the deadline; a poll every 100 ms would read 21 times. */
    @Test
    void withoutNewsItReadsLessAndLessOftenAndAfterTheTimeoutAnswersTheNewestRead() {
        long started = System.nanoTime();

        assertThat(readYourWrites.await("view", follow, reading(1), version -> version >= 5)).contains(1L);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofSeconds(2),
                Duration.ofSeconds(4));
        assertThat(reads.get()).isBetween(3, 6);
        assertThat(cancelled).hasValue(1);
    }
}
