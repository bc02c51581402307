package org.eprescription.api.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import lombok.RequiredArgsConstructor;
import org.eprescription.api.problem.UnknownResourceException;
import org.eprescription.query.rebuild.Difference;
import org.eprescription.query.rebuild.EventReplayer;
import org.eprescription.query.rebuild.ProjectionDefinition;
import org.eprescription.query.rebuild.ProjectionDefinitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * The projections' state, their replays (in the background) and their verification. A projection is busy while it
 * replays or verifies; another replay or verification of it is refused. Replays run one at a time per processor: a
 * replay stops its projection's processor for the swap, and projections that share it must not swap in between. The
 * replay of all projections rebuilds them together in one pass over the store, and only while nothing else runs.
 * The same rules hold across every node that shares the database ({@link ProjectionClaims}). A projection kept in the
 * commands' transactions has no processor: it is always at the head, and its replays and verifications take turns
 * with its own only.
 */
@Service
@RequiredArgsConstructor
public class ProjectionAdmin {

    private static final Logger log = LoggerFactory.getLogger(ProjectionAdmin.class);
    private static final int EXAMPLES = 10;
    private static final String REPLAYING = "replaying";
    private static final String VERIFYING = "verifying";

    private final ProjectionDefinitions definitions;
    private final ProjectionProcessors processors;
    private final ProjectionReplay replay;
    private final ProjectionVerification verification;
    private final ProjectionClaims claims;
    private final EventReplayer events;
    private final ObjectMapper objectMapper;
    private final Clock clock;
    private final Map<String, String> busy = new ConcurrentHashMap<>();
    private final Map<String, ReplayProgress> replays = new ConcurrentHashMap<>();
    private final Map<String, ProjectionStatus.LastReplay> lastReplays = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "projection-replay");
        thread.setDaemon(true);
        return thread;
    });

    public List<ProjectionStatus> statuses() {
        long head = events.headPosition();
        return definitions.all().stream().map(definition -> status(definition.name(), head)).toList();
    }

    public ProjectionStatus status(String name) {
        return status(definition(name).name(), events.headPosition());
    }

    /**
     * True while a projection that event processor {@code processorName} runs replays or verifies, when the processor
     * may be stopped for a moment on purpose.
     */
    public boolean isProcessorBusy(String processorName) {
        return busy.keySet().stream().anyMatch(projection -> processors.find(projection)
                .filter(processor -> processor.getName().equals(processorName)).isPresent());
    }

    /** Starts rebuilding the projection in the background and answers its state, REPLAYING. */
    public synchronized ProjectionStatus startReplay(String name) {
        return startReplay(name, () -> true);
    }

    /**
     * As {@link #startReplay(String)}, unless {@code stillWanted} is false once the replay is claimed across nodes
     * (another node has just done it): then nothing runs, and the answer is the projection's state.
     */
    synchronized ProjectionStatus startReplay(String name, BooleanSupplier stillWanted) {
        ProjectionDefinition projection = definition(name);
        // the replay stops the processor for its swap, which would pause the other's replay or skew its verification
        refuseWhileItsProcessorIs(name, Set.of(REPLAYING, VERIFYING));
        startReplays(List.of(projection), stillWanted);
        return status(name);
    }

    /**
     * Starts rebuilding every projection in the background, in one pass over the store and one swap, and answers
     * their states, REPLAYING. Refused while any projection replays or verifies.
     */
    public synchronized List<ProjectionStatus> startReplayOfAll() {
        busy.entrySet().stream().findFirst().ifPresent(running -> {
            throw new ProjectionBusyException("projection " + running.getKey() + " is " + running.getValue()
                    + "; try again when it is done");
        });
        startReplays(definitions.all().stream().filter(this::runs).toList(), () -> true);
        return statuses();
    }

    public VerificationReport verify(String name) throws InterruptedException {
        ProjectionDefinition projection = definition(name);
        ProjectionClaims.Claim claim;
        synchronized (this) {
            refuseWhileItsProcessorIs(name, Set.of(REPLAYING));
            occupy(name, VERIFYING);
            try {
                claim = claims.forVerification(processorOf(name), name)
                        .orElseThrow(() -> busyOnAnotherNode(aProjectionOfItsProcessor(name)));
            } catch (RuntimeException e) {
                busy.remove(name);
                throw e;
            }
        }
        try (claim) {
            ProjectionVerification.Result result = verification.verify(projection, EXAMPLES);
            return new VerificationReport(name, result.position(), result.differences().count(),
                    result.differences().examples().stream().map(this::example).toList());
        } finally {
            busy.remove(name);
        }
    }

    @PreDestroy
    void stopReplays() {
        executor.shutdownNow();
    }

    /** Marks the projections busy replaying, and replays them together on a thread of the executor. */
    private void startReplays(List<ProjectionDefinition> projections, BooleanSupplier stillWanted) {
        Map<String, ReplayProgress> progress = new LinkedHashMap<>();
        Instant startedAt = clock.instant();
        ProjectionClaims.Claim claim = null;
        try {
            for (ProjectionDefinition projection : projections) {
                occupy(projection.name(), REPLAYING);
                progress.put(projection.name(), new ReplayProgress(startedAt));
            }
            List<String> processorsInvolved = progress.keySet().stream().map(this::processorOf).distinct().toList();
            claim = claims.forReplay(processorsInvolved).orElseThrow(() -> busyOnAnotherNode(projections.size() == 1
                    ? aProjectionOfItsProcessor(projections.get(0).name()) : "a projection"));
            if (!stillWanted.getAsBoolean()) {
                claim.close();
                progress.keySet().forEach(busy::remove);
                return;
            }
            replays.putAll(progress);
            ProjectionClaims.Claim held = claim;
            executor.execute(() -> runReplay(projections, progress, held));
        } catch (RuntimeException e) {
            if (claim != null) {
                claim.close();
            }
            progress.keySet().forEach(name -> {
                replays.remove(name);
                busy.remove(name);
            });
            throw e;
        }
    }

    private void runReplay(List<ProjectionDefinition> projections, Map<String, ReplayProgress> progress,
                           ProjectionClaims.Claim claim) {
        String names = String.join(", ", progress.keySet());
        String outcome = "FAILED";
        String detail = null;
        try {
            log.info("Replay of {} started", names);
            replay.run(projections, progress, claim::requireHeld);
            outcome = "COMPLETED";
            log.info("Replay of {} completed: {} events", names, progress.values().iterator().next().eventsDone());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            detail = "interrupted";
            log.warn("Replay of {} interrupted; the live view is unchanged", names);
        } catch (RuntimeException e) {
            detail = e.getMessage();
            log.error("Replay of {} failed; the live view is unchanged", names, e);
        } finally {
            claim.close();
            Instant finishedAt = clock.instant();
            for (Map.Entry<String, ReplayProgress> replayed : progress.entrySet()) {
                ReplayProgress done = replayed.getValue();
                lastReplays.put(replayed.getKey(), new ProjectionStatus.LastReplay(done.startedAt(), finishedAt,
                        outcome, done.eventsDone(), detail));
                replays.remove(replayed.getKey());
                busy.remove(replayed.getKey());
            }
        }
    }

    private ProjectionStatus status(String name, long head) {
        ReplayProgress progress = replays.get(name);
        if (inCommandTransaction(name)) {
            // written in the transaction of the command whose events it follows: always at the head
            return new ProjectionStatus(name, progress != null ? "REPLAYING" : "LIVE", head, head, 0L,
                    progress == null ? null : progress.view(head), lastReplays.get(name));
        }
        OptionalLong position = processors.position(name);
        String state = progress != null || processors.isReplaying(name) ? "REPLAYING"
                : processors.isRunning(name) ? "LIVE" : "STOPPED";
        return new ProjectionStatus(name, state,
                position.isPresent() ? position.getAsLong() : null,
                head,
                position.isPresent() ? Math.max(0, head - position.getAsLong()) : null,
                progress == null ? null : progress.view(head),
                lastReplays.get(name));
    }

    private ProjectionDefinition definition(String name) {
        return definitions.find(name)
                .filter(this::runs)
                .orElseThrow(() -> new UnknownResourceException("no projection " + name));
    }

    /** Kept in the commands' transactions, or by a streaming processor this application runs. */
    private boolean runs(ProjectionDefinition definition) {
        return definition.inCommandTransaction() || processors.find(definition.name()).isPresent();
    }

    private boolean inCommandTransaction(String name) {
        return definitions.find(name).map(ProjectionDefinition::inCommandTransaction).orElse(false);
    }

    /** Refuses while another projection of {@code name}'s processor is doing one of {@code activities}. */
    private void refuseWhileItsProcessorIs(String name, Set<String> activities) {
        for (String other : processors.sharingProcessorWith(name)) {
            String activity = busy.get(other);
            if (activity != null && activities.contains(activity)) {
                throw new ProjectionBusyException("projection " + other + ", which runs in the same processor, is "
                        + activity + "; try again when it is done");
            }
        }
    }

    /**
     * The processor whose claim the projection's replays and verifications take: its streaming processor's, or, for
     * a projection kept in the commands' transactions, one of its own.
     */
    private String processorOf(String projection) {
        return inCommandTransaction(projection) ? "in-command " + projection
                : processors.find(projection).orElseThrow().getName();
    }

    private static String aProjectionOfItsProcessor(String name) {
        return "projection " + name + " or another projection of its processor";
    }

    private static ProjectionBusyException busyOnAnotherNode(String what) {
        return new ProjectionBusyException(what + " is being replayed or verified on another node; try again when it"
                + " is done");
    }

    private void occupy(String name, String what) {
        String running = busy.putIfAbsent(name, what);
        if (running != null) {
            throw new ProjectionBusyException("projection " + name + " is " + running + "; try again when it is done");
        }
    }

    private VerificationReport.Example example(Difference difference) {
        return new VerificationReport.Example(difference.table(), json(difference.key()), json(difference.live()),
                json(difference.rebuilt()));
    }

    private JsonNode json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return objectMapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("PostgreSQL answered JSON that does not parse", e);
        }
    }
}
