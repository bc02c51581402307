package org.eprescription.query.rebuild;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.eprescription.query.support.ReplayBuffer;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Feeds every stored event, from the first, to a detached instance of a projection's handlers writing into scratch
 * tables, or to several projections' instances at once from one reading of the store: read in global order (upcast
 * like every other read), applied in batches of one transaction each. The handlers' {@link ReplayBuffer} hears where
 * each batch begins and ends, and is flushed when a catch-up is done, so the tables then hold every event applied.
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
        return start(List.of(projection), schema);
    }

    /**
     * One replay of the whole store into the tables of several projections in {@code schema} (their tables differ):
     * every event is read and deserialized once and applied to each projection's handlers. Close it when done.
     */
    public Run start(List<ProjectionDefinition> projections, String schema) {
        if (projections.isEmpty()) {
            throw new IllegalArgumentException("nothing to replay into " + schema);
        }
        return new Run(projections, schema);
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
     * events' payloads and metadata. With one projection the caller's thread applies the batches read before; with
     * several, each projection applies them on a thread of its own, in transactions of its own, so the projections
     * are rebuilt side by side from one reading of the store.
     */
    public final class Run implements AutoCloseable {

        private final String schema;
        private final List<Target> targets;
        private final BlockingStream<TrackedEventMessage<?>> stream;
        private final Thread reader;
        private final ExecutorService appliers;
        private volatile RuntimeException readFailure;

        private Run(List<ProjectionDefinition> projections, String schema) {
            this.schema = schema;
            this.targets = projections.stream().map(Target::new).toList();
            this.appliers = targets.size() == 1 ? null : Executors.newFixedThreadPool(targets.size(), runnable -> {
                Thread thread = new Thread(runnable, "replay-applier-" + schema);
                thread.setDaemon(true);
                return thread;
            });
            this.stream = eventStore.openStream(null);
            this.reader = new Thread(this::readAhead, "replay-reader-" + schema);
            reader.setDaemon(true);
            reader.start();
        }

        /** As {@link #catchUp(Function)}, every projection telling the same {@code progress}. */
        public TrackingToken catchUp(Progress progress) throws InterruptedException {
            return catchUp(projection -> progress);
        }

        /**
         * Applies events until the store's head as it stood at the call has been applied; the tables then hold every
         * event applied, and the planner has statistics of them as they are then (they are about to be read or swapped
         * in). Each projection applies the same batches and stops after the same one, so all then stand at the same
         * event. After a failure the run cannot go on: close it.
         *
         * @param progressOf what to tell after each batch, by projection name
         * @return the token of the last event applied (null while the store is empty)
         */
        public TrackingToken catchUp(Function<String, Progress> progressOf) throws InterruptedException {
            long head = headPosition();
            if (appliers == null) {
                Target only = targets.get(0);
                return only.catchUp(head, progressOf.apply(only.projection.name()));
            }
            CompletionService<TrackingToken> done = new ExecutorCompletionService<>(appliers);
            List<Future<TrackingToken>> running = new ArrayList<>();
            for (Target target : targets) {
                running.add(done.submit(() -> target.catchUp(head, progressOf.apply(target.projection.name()))));
            }
            try {
                TrackingToken last = null;
                for (int i = 0; i < running.size(); i++) {
                    // the first failure ends the wait: the others may be starved of batches the failed one holds up
                    last = done.take().get();
                }
                return last;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException("the replay into " + schema + " failed", e.getCause());
            } finally {
                running.forEach(future -> future.cancel(true));
            }
        }

        public TrackingToken lastToken() {
            return targets.get(0).lastToken;
        }

        /**
         * For the projections of the run kept in the commands' transactions
         * ({@link ProjectionDefinition#inCommandTransaction}): applies every event {@code committed} holds after the
         * last one each has applied, in transactions of their own that commit before this returns, and writes
         * everything they hold. Call it after {@link #catchUp}, while the live tables are locked against the commands
         * that write them: the copies then hold every event whose command wrote to those tables, including one stored
         * behind a gap that the run's stream passed before it committed.
         *
         * @return the events applied, per projection
         */
        public long applyCommitted(CommittedEvents committed) {
            long applied = 0;
            for (Target target : targets) {
                if (target.projection.inCommandTransaction()) {
                    applied += target.applyCommitted(committed);
                }
            }
            return applied;
        }

        /**
         * The reader thread: batches in global order, deserialized, handed to every projection, until the run is
         * closed. A projection done with its catch-up holds the reader up once it has a few batches waiting; the
         * others have been handed every batch they need by then, since batches are handed out in order.
         */
        private void readAhead() {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    List<TrackedEventMessage<?>> batch = nextBatch();
                    if (!batch.isEmpty()) {
                        batch.forEach(EventReplayer::deserialize);
                        for (Target target : targets) {
                            target.read.put(batch);
                        }
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

        @Override
        public void close() {
            reader.interrupt();
            try {
                reader.join(TimeUnit.SECONDS.toMillis(10));
                if (appliers != null) {
                    appliers.shutdownNow();
                    // a projection's batch still committing finishes before its tables are dropped or swapped
                    appliers.awaitTermination(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                stream.close();
            }
        }

        /** One projection of the run: its detached handlers, the batches read for it, and how far it has come. */
        private final class Target {

            private final ProjectionDefinition projection;
            private final AnnotationEventHandlerAdapter handlers;
            private final ReplayBuffer buffer;
            private final BlockingQueue<List<TrackedEventMessage<?>>> read = new ArrayBlockingQueue<>(READ_AHEAD);
            private volatile TrackingToken lastToken;
            private long applied;
            private long analyzeAfter = FIRST_ANALYZE_AFTER;

            private Target(ProjectionDefinition projection) {
                ProjectionDefinition.Detached detached = projection.detached().get();
                this.projection = projection;
                this.handlers = new AnnotationEventHandlerAdapter(detached.handlers());
                this.buffer = detached.buffer();
            }

            private TrackingToken catchUp(long head, Progress progress) throws InterruptedException {
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

            private long applyCommitted(CommittedEvents committed) {
                long count = 0;
                try (Stream<? extends TrackedEventMessage<?>> events = committed.after(lastToken)) {
                    Iterator<? extends TrackedEventMessage<?>> read = events.iterator();
                    while (read.hasNext()) {
                        List<TrackedEventMessage<?>> batch = new ArrayList<>();
                        while (read.hasNext() && batch.size() < batchSize) {
                            batch.add(read.next());
                        }
                        scratch.inSchema(schema, () -> {
                            buffer.beforeBatch(batch);
                            batch.forEach(this::apply);
                            buffer.afterBatch();
                        });
                        lastToken = batch.get(batch.size() - 1).trackingToken();
                        applied += batch.size();
                        count += batch.size();
                    }
                }
                scratch.inSchema(schema, buffer::flush);
                return count;
            }

            private void apply(TrackedEventMessage<?> event) {
                try {
                    handlers.handle(event);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException("replaying " + event.getPayloadType().getSimpleName() + " at "
                            + event.trackingToken() + " into " + projection.name() + " failed", e);
                }
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
