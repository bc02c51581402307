package org.eprescription.query.rebuild;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.eprescription.query.support.ReplayBuffer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The replay's reader thread: its failures reach the replay, and closing the replay ends it. */
class EventReplayerTest {

    private static final ProjectionDefinition NOTHING = new ProjectionDefinition("nothing", List.of(),
            () -> new ProjectionDefinition.Detached(new Object(), ReplayBuffer.NONE));

    @Test
    void aStoreThatCannotBeReadFailsTheReplay() {
        FailingSource source = new FailingSource();
        EventReplayer replayer = new EventReplayer(source, null, 10);
        try (EventReplayer.Run run = replayer.start(NOTHING, "nowhere")) {
            assertThatThrownBy(() -> run.catchUp((done, position) -> { }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("reading the store")
                    .hasRootCauseMessage("the store is gone");
        }
        assertThat(source.closed).isTrue();
    }

    @Test
    void closingTheReplayEndsItsReader() throws Exception {
        FailingSource source = new FailingSource();
        source.fail = false;
        EventReplayer replayer = new EventReplayer(source, null, 10);
        EventReplayer.Run run = replayer.start(NOTHING, "quiet");
        assertThat(readers()).isTrue();
        run.close();
        assertThat(readers()).isFalse();
        assertThat(source.closed).isTrue();
    }

    private static boolean readers() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals("replay-reader-quiet") && thread.isAlive());
    }

    /** A store with a head, whose stream fails on the first read (or waits, without events, if told not to fail). */
    static final class FailingSource implements StreamableMessageSource<TrackedEventMessage<?>> {
        volatile boolean fail = true;
        volatile boolean closed;

        @Override
        public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
            return new BlockingStream<>() {
                @Override
                public Optional<TrackedEventMessage<?>> peek() {
                    return Optional.empty();
                }

                @Override
                public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
                    if (fail) {
                        throw new IllegalStateException("the store is gone");
                    }
                    unit.sleep(timeout);
                    return false;
                }

                @Override
                public TrackedEventMessage<?> nextAvailable() {
                    throw new IllegalStateException("nothing available");
                }

                @Override
                public void close() {
                    closed = true;
                }
            };
        }

        @Override
        public TrackingToken createTailToken() {
            return null;
        }

        @Override
        public TrackingToken createHeadToken() {
            return new GlobalSequenceTrackingToken(5);
        }

        @Override
        public TrackingToken createTokenAt(Instant dateTime) {
            throw new UnsupportedOperationException();
        }
    }
}
