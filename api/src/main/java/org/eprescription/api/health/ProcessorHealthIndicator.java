package org.eprescription.api.health;

import lombok.RequiredArgsConstructor;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.eprescription.query.rebuild.EventReplayer;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import java.util.List;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

/**
 * One event processor: UP while it runs without error, with where it is and how far behind the store's head;
 * DOWN when a segment is in error (a projection that cannot handle an event stops there and its view goes stale)
 * or when it stopped without a replay or verification having stopped it. No processor is off by configuration:
 * with alerts switched off the alert projection still runs (docs/alerts.md, "After alerts were switched off").
 */
@RequiredArgsConstructor
class ProcessorHealthIndicator implements HealthIndicator {

    private final EventProcessor processor;
    private final EventReplayer events;
    private final BooleanSupplier stoppedOnPurpose;

    @Override
    public Health health() {
        boolean running = processor.isRunning();
        Health.Builder health = running || stoppedOnPurpose.getAsBoolean() ? Health.up() : Health.down();
        health.withDetail("running", running);
        if (processor instanceof StreamingEventProcessor streaming) {
            describe(streaming, health);
        }
        if (processor.isError()) {
            health.down();
        }
        return health.build();
    }

    private void describe(StreamingEventProcessor streaming, Health.Builder health) {
        List<EventTrackerStatus> segments = List.copyOf(streaming.processingStatus().values());
        health.withDetail("replaying", streaming.isReplaying())
                .withDetail("segmentsClaimed", segments.size());
        OptionalLong position = ProcessorPosition.of(streaming);
        if (position.isPresent()) {
            long head = events.headPosition();
            health.withDetail("position", position.getAsLong())
                    .withDetail("head", head)
                    .withDetail("lag", ProcessorPosition.lag(streaming, head).orElse(0));
        }
        // the class only: health is public, and a message may quote the rows involved (PostgreSQL's "Key (...)=(...)");
        // Axon logs the whole error when the batch fails (docs/operations.md, "Health and metrics")
        List<String> errors = segments.stream()
                .filter(EventTrackerStatus::isErrorState)
                .map(segment -> "segment " + segment.getSegment().getSegmentId() + ": "
                        + segment.getError().getClass().getName())
                .toList();
        if (!errors.isEmpty()) {
            health.down().withDetail("errors", errors);
        }
    }
}
