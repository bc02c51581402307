package org.eprescription.query.rebuild;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.eprescription.query.support.ReplayBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Feeds every stored event, from the first, to a detached instance of a projection's handlers writing into scratch
 * tables: read in global order (upcast like every other read), applied in batches of one transaction each. The
 * handlers' {@link ReplayBuffer} hears where each batch begins and ends, and is flushed when a catch-up is done, so
 * the tables then hold every event applied.
 * It only reads the store: it is given the store as a source of events, never as a bus to publish on.
 */
public class EventReplayer {

    /** Events per batch (and transaction) unless told otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 2_000;
    private static final int WAIT_FOR_EVENTS_MS = 50;

    private final StreamableMessageSource<TrackedEventMessage<?>> eventStore;
    private final ScratchTables scratch;
    private final int batchSize;

    public EventReplayer(StreamableMessageSource<TrackedEventMessage<?>> eventStore, ScratchTables scratch) {
        this(eventStore, scratch, DEFAULT_BATCH_SIZE);
    }

    public EventReplayer(StreamableMessageSource<TrackedEventMessage<?>> eventStore, ScratchTables scratch,
                         int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive: " + batchSize);
        }
        this.eventStore = eventStore;
        this.scratch = scratch;
        this.batchSize = batchSize;
    }

    /** A replay of the whole store into the tables of {@code schema}; close it when done. */
    public Run start(ProjectionDefinition projection, String schema) {
        return new Run(projection, schema);
    }

    /** The global index of the newest stored event, -1 for an empty store. */
    public long headPosition() {
        return position(eventStore.createHeadToken());
    }

    public static long position(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }

    /** Told after every batch how many events were applied so far and the position reached. */
    @FunctionalInterface
    public interface Progress {
        void reached(long eventsApplied, long position);
    }

    public final class Run implements AutoCloseable {

        private final String schema;
        private final AnnotationEventHandlerAdapter handlers;
        private final ReplayBuffer buffer;
        private final BlockingStream<TrackedEventMessage<?>> stream;
        private TrackingToken lastToken;
        private long applied;

        private Run(ProjectionDefinition projection, String schema) {
            ProjectionDefinition.Detached detached = projection.detached().get();
            this.schema = schema;
            this.handlers = new AnnotationEventHandlerAdapter(detached.handlers());
            this.buffer = detached.buffer();
            this.stream = eventStore.openStream(null);
        }

        /**
         * Applies events until the store's head as it stood at the call has been applied; the tables then hold every
         * event applied. After a failure the run cannot go on: close it.
         *
         * @return the token of the last event applied (null while the store is empty)
         */
        public TrackingToken catchUp(Progress progress) throws InterruptedException {
            long head = headPosition();
            while (position(lastToken) < head) {
                List<TrackedEventMessage<?>> batch = nextBatch();
                if (!batch.isEmpty()) {
                    scratch.inSchema(schema, () -> {
                        buffer.beforeBatch(batch);
                        batch.forEach(this::apply);
                        buffer.afterBatch();
                    });
                    lastToken = batch.get(batch.size() - 1).trackingToken();
                    applied += batch.size();
                    progress.reached(applied, position(lastToken));
                }
            }
            scratch.inSchema(schema, buffer::flush);
            return lastToken;
        }

        public TrackingToken lastToken() {
            return lastToken;
        }

        private List<TrackedEventMessage<?>> nextBatch() throws InterruptedException {
            List<TrackedEventMessage<?>> batch = new ArrayList<>(batchSize);
            while (batch.size() < batchSize
                    && stream.hasNextAvailable(batch.isEmpty() ? WAIT_FOR_EVENTS_MS : 0, TimeUnit.MILLISECONDS)) {
                batch.add(stream.nextAvailable());
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("replay into " + schema + " interrupted");
            }
            return batch;
        }

        private void apply(TrackedEventMessage<?> event) {
            try {
                handlers.handle(event);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("replaying " + event.getPayloadType().getSimpleName() + " at "
                        + event.trackingToken() + " failed", e);
            }
        }

        @Override
        public void close() {
            stream.close();
        }
    }
}
