package org.eprescription.api.admin;

import lombok.RequiredArgsConstructor;
import org.eprescription.query.rebuild.ProjectionDefinitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Starts the replays due at start ({@link DueReplays}) once the application is ready, and again every
 * {@code exchange.projections.due-replay-retry} while one is still due (docs/operations.md, "Replays due at start").
 * Several nodes starting at once all try: the replay's claim across nodes lets one of them run it, the others are
 * refused (and try again later), and a node that gets the claim after another node's replay has completed finds the
 * projection no longer due and runs nothing. A replay that fails leaves it due. A projection that an event processor
 * runs is replayed only by a node whose processor holds all its segments (the swap claims them all); while the
 * segments are split between nodes, each retry logs what to do instead of replaying the store in vain.
 */
@Component
@RequiredArgsConstructor
public class DueReplayStarter {

    private static final Logger log = LoggerFactory.getLogger(DueReplayStarter.class);

    private final DueReplays due;
    private final ProjectionDefinitions definitions;
    private final ProjectionAdmin admin;
    private final ProjectionProcessors processors;

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        startDue();
    }

    @Scheduled(fixedDelayString = "${exchange.projections.due-replay-retry:PT1M}",
            initialDelayString = "${exchange.projections.due-replay-retry:PT1M}")
    void retry() {
        startDue();
    }

    /** Starts a replay of each projection still due that no node replays now; answers those started here. */
    public List<String> startDue() {
        List<String> started = new ArrayList<>();
        List<String> names;
        try {
            names = due.all();
        } catch (RuntimeException e) {
            log.warn("Could not read the replays due at start; trying again later: {}", e.getMessage());
            return started;
        }
        for (String name : names) {
            if (definitions.find(name).isEmpty()) {
                log.warn("Replay of {} is due, but this node knows no such projection", name);
                continue;
            }
            if (!processors.processedOnlyHere(name)) {
                // the swap must claim every segment of the projection's processor: a replay here would read the whole
                // store and then fail, every retry (docs/operations.md, "Replays due at start")
                log.warn("Replay of {} is due; it runs on a node whose processor holds every segment of {}, and this "
                        + "node does not: release the other nodes' segments to this one (POST /admin/projections/{}"
                        + "/segments/{segment}/release?for=PT10M on each) or stop them", name, name, name);
                continue;
            }
            try {
                ProjectionStatus status = admin.startReplay(name, () -> due.isDue(name));
                if ("REPLAYING".equals(status.state())) {
                    log.info("Replay of {} started: it is due since an upgrade (projection_replay_due)", name);
                    started.add(name);
                }
            } catch (ProjectionBusyException busy) {
                log.info("Replay of {} is due; not started here now: {}", name, busy.getMessage());
            } catch (RuntimeException e) {
                log.warn("Replay of {} is due and could not be started; trying again later", name, e);
            }
        }
        return started;
    }
}
