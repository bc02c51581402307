package org.eprescription.query.rebuild;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.eprescription.query.support.ReplayBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
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
    /** Batches the reader thread may have read ahead of the batch being applied. */
    private static final int READ_AHEAD = 2;
    /** Events applied before the tables' statistics are first refreshed; refreshed again each time it doubles. */
    private static final long FIRST_ANALYZE_AFTER = 10_000;

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

    /**
     * One replay. A reader thread of its own reads the store ahead, a few batches at most, and deserializes the
     * events' payloads and metadata, while the caller's thread applies the batches read before.
     */
    public final class Run implements AutoCloseable {

        private final ProjectionDefinition projection;
        private final String schema;
        private final AnnotationEventHandlerAdapter handlers;
        private final ReplayBuffer buffer;
        private final BlockingStream<TrackedEventMessage<?>> stream;
        private final BlockingQueue<List<TrackedEventMessage<?>>> read = new ArrayBlockingQueue<>(READ_AHEAD);
        private final Thread reader;
        private volatile RuntimeException readFailure;
        private TrackingToken lastToken;
        private long applied;
        private long analyzeAfter = FIRST_ANALYZE_AFTER;

        private Run(ProjectionDefinition projection, String schema) {
            ProjectionDefinition.Detached detached = projection.detached().get();
            this.projection = projection;
            this.schema = schema;
            this.handlers = new AnnotationEventHandlerAdapter(detached.handlers());
            this.buffer = detached.buffer();
            this.stream = eventStore.openStream(null);
            this.reader = new Thread(this::readAhead, "replay-reader-" + schema);
            reader.setDaemon(true);
            reader.start();
        }

        /**
         * Applies events until the store's head as it stood at the call has been applied; the tables then hold every
         * event applied, and the planner has statistics of them as they are then (they are about to be read or swapped
         * in). After a failure the run cannot go on: close it.
         *
         * @return the token of the last event applied (null while the store is empty)
         */
        public TrackingToken catchUp(Progress progress) throws InterruptedException {
            long head = headPosition();
            while (position(lastToken) < head) {
                List<TrackedEventMessage<?>> batch = read.poll(WAIT_FOR_EVENTS_MS, TimeUnit.MILLISECONDS);
                if (batch == null) {
                    if (readFailure != null) {
                        throw new IllegalStateException("reading the store for the replay into " + schema
                                + " failed", readFailure);
                    }
                    continue;
                }
                boolean analyze = applied + batch.size() >= analyzeAfter;
                scratch.inSchema(schema, () -> {
                    buffer.beforeBatch(batch);
                    batch.forEach(this::apply);
                    buffer.afterBatch();
                    if (analyze) {
                        scratch.analyze(schema, projection);
                    }
                });
                if (analyze) {
                    analyzeAfter *= 2;
                }
                lastToken = batch.get(batch.size() - 1).trackingToken();
                applied += batch.size();
                progress.reached(applied, position(lastToken));
            }
            scratch.inSchema(schema, () -> {
                buffer.flush();
                scratch.analyze(schema, projection);
            });
            return lastToken;
        }

        public TrackingToken lastToken() {
            return lastToken;
        }

        /** The reader thread: batches in global order, deserialized, until the run is closed. */
        private void readAhead() {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    List<TrackedEventMessage<?>> batch = nextBatch();
                    if (!batch.isEmpty()) {
                        batch.forEach(EventReplayer::deserialize);
                        read.put(batch);
                    }
                }
            } catch (InterruptedException e) {
                // closed
            } catch (RuntimeException e) {
                readFailure = e;
            }
        }

        private List<TrackedEventMessage<?>> nextBatch() throws InterruptedException {
            List<TrackedEventMessage<?>> batch = new ArrayList<>(batchSize);
            while (batch.size() < batchSize
                    && stream.hasNextAvailable(batch.isEmpty() ? WAIT_FOR_EVENTS_MS : 0, TimeUnit.MILLISECONDS)) {
                batch.add(stream.nextAvailable());
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("replay into " + schema + " closed");
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
            reader.interrupt();
            try {
                reader.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                stream.close();
            }
        }
    }

    /**
     * Deserializes payload and metadata now (they are kept in the message), on the reader's thread. An event that
     * does not deserialize is left as it is: a handler of it fails as it would have anyway, and one nobody handles
     * does no harm.
     */
    private static void deserialize(TrackedEventMessage<?> event) {
        try {
            event.getPayload();
            event.getMetaData();
        } catch (RuntimeException e) {
            // left to the handler, if any
        }
    }
}
