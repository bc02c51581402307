package org.eprescription.api.admin;

import lombok.RequiredArgsConstructor;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.eprescription.query.rebuild.ProjectionDefinition;
import org.eprescription.query.rebuild.ProjectionDefinitions;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The live streaming processors of the projections, by projection (processing group) name: where they are, stopping
 * and starting them, moving their tokens. Projections may share a processor (ProjectionProcessorLayout); what is done
 * to one's processor is then done to the others' too.
 */
@Component
@RequiredArgsConstructor
class ProjectionProcessors {

    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    private final EventProcessingConfiguration eventProcessing;
    private final TokenStore tokenStore;
    private final ProjectionDefinitions definitions;

    Optional<StreamingEventProcessor> find(String name) {
        return eventProcessing.eventProcessorByProcessingGroup(name, StreamingEventProcessor.class);
    }

    /** The other projections that run in the same processor as {@code name}. */
    List<String> sharingProcessorWith(String name) {
        Optional<StreamingEventProcessor> processor = find(name);
        return definitions.all().stream()
                .map(ProjectionDefinition::name)
                .filter(other -> !other.equals(name) && processor.isPresent() && find(other).equals(processor))
                .toList();
    }

    /**
     * Whether this node's processor of {@code name} runs and holds every segment, so that a replay's swap can claim
     * them all; true for a projection that no processor runs (one kept in the commands' transactions).
     */
    boolean processedOnlyHere(String name) {
        Optional<StreamingEventProcessor> processor = find(name);
        if (processor.isEmpty()) {
            return true;
        }
        int segments = tokenStore.fetchSegments(processor.get().getName()).length;
        return processor.get().isRunning() && segments > 0
                && processor.get().processingStatus().size() == segments;
    }

    boolean isRunning(String name) {
        return find(name).map(StreamingEventProcessor::isRunning).orElse(false);
    }

    boolean isReplaying(String name) {
        return find(name).map(StreamingEventProcessor::isReplaying).orElse(false);
    }

    /** The global index every segment has processed up to (the least of them); empty while none is claimed. */
    OptionalLong position(String name) {
        return find(name).stream()
                .flatMap(processor -> processor.processingStatus().values().stream())
                .map(EventTrackerStatus::getCurrentPosition)
                .mapToLong(position -> position.orElse(-1))
                .reduce(Math::min);
    }

    /** Waits, up to {@code timeout}, until the processor has processed up to {@code position}; false if it has not. */
    boolean awaitPosition(String name, long position, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isRunning(name) && position(name).orElse(-1) < position) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Stops the processor and waits until its last batch is committed and its claims are released. */
    void stop(String name) throws InterruptedException {
        StreamingEventProcessor processor = find(name).orElseThrow();
        try {
            processor.shutdownAsync().get(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("processor " + name + " did not stop", e);
        }
    }

    void start(String name) {
        find(name).orElseThrow().start();
    }

    /**
     * Sets every segment of the stopped processor to {@code token} in the token store (not Axon's reset, which would
     * replay through the live processor). Joins the caller's transaction.
     */
    /**
     * Claims every segment of {@code name}'s processor for this node, in the caller's transaction, and refuses
     * (without changing anything) when another node holds one, or processed a segment beyond {@code last}: its events
     * after {@code last} went to the tables a replay is about to swap out, and would be lost to the rebuilt ones.
     */
    void claimAllNotBeyond(String name, TrackingToken last) {
        String processor = find(name).orElseThrow().getName();
        for (int segment : tokenStore.fetchSegments(processor)) {
            TrackingToken token;
            try {
                token = tokenStore.fetchToken(processor, segment);
            } catch (UnableToClaimTokenException heldElsewhere) {
                throw new ProjectionBusyException("another node processes segment " + segment + " of " + processor
                        + "; a replay runs on the one node that processes " + name
                        + " (release the other nodes' segments, docs/operations.md, \"Rebuilding a projection\")");
            }
            if (token != null && last != null
                    && token.position().orElse(-1) > last.position().orElse(Long.MAX_VALUE)) {
                throw new ProjectionBusyException("segment " + segment + " of " + processor + " was processed past the"
                        + " replay's last event by another node meanwhile; run the replay again on the one node that"
                        + " processes " + name);
            }
        }
    }

    /** Gives up this node's claims on {@code name}'s processor's segments (its processor claims them again). */
    void releaseAll(String name) {
        String processor = find(name).orElseThrow().getName();
        for (int segment : tokenStore.fetchSegments(processor)) {
            tokenStore.releaseClaim(processor, segment);
        }
    }

    void moveTo(String name, TrackingToken token) {
        String processor = find(name).orElseThrow().getName();
        int[] segments = tokenStore.fetchSegments(processor);
        if (segments.length == 0) {
            tokenStore.initializeTokenSegments(processor, 1, token);
            return;
        }
        for (int segment : segments) {
            tokenStore.fetchToken(processor, segment);
            tokenStore.storeToken(token, processor, segment);
            tokenStore.releaseClaim(processor, segment);
        }
    }
}
