package org.eprescription.api.health;

import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.eprescription.query.rebuild.EventReplayer;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class ProcessorHealthIndicatorTest {

    private final StreamingEventProcessor processor = mock(StreamingEventProcessor.class);
    private final EventReplayer events = mock(EventReplayer.class);

    @Test
    void aRunningProcessorIsUpWithItsPositionAndLag() {
        running(segment(0, 40, null), segment(1, 42, null));
        when(events.headPosition()).thenReturn(45L);

        Health health = indicator(false).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("position", 40L).containsEntry("lag", 5L)
                .containsEntry("segmentsClaimed", 2);
    }

    @Test
    void aSegmentInErrorIsDownNamingTheErrorsClassButNotItsMessage() {
        running(segment(0, 40, null), segment(1, 41, new DuplicateKeyException("duplicate key value violates unique "
                + "constraint \"prescription_view_pkey\"  Detail: Key (prescription_id)="
                + "(8d5c0f3e-6f1a-4c1e-9d39-2b7f3f6a1c20) already exists.")));
        when(events.headPosition()).thenReturn(45L);

        Health health = indicator(false).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("errors"))
                .isEqualTo(List.of("segment 1: org.springframework.dao.DuplicateKeyException"));
        assertThat(health.getDetails().toString()).doesNotContain("8d5c0f3e").doesNotContain("Key (");
    }

    @Test
    void aProcessorThatStoppedByItselfIsDown() {
        when(processor.isRunning()).thenReturn(false);
        when(processor.processingStatus()).thenReturn(Map.of());

        assertThat(indicator(false).health().getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void aProcessorStoppedForAReplayIsUp() {
        when(processor.isRunning()).thenReturn(false);
        when(processor.processingStatus()).thenReturn(Map.of());

        assertThat(indicator(true).health().getStatus()).isEqualTo(Status.UP);
    }

    private ProcessorHealthIndicator indicator(boolean stoppedOnPurpose) {
        return new ProcessorHealthIndicator(processor, events, () -> stoppedOnPurpose);
    }

    private void running(EventTrackerStatus... segments) {
        when(processor.isRunning()).thenReturn(true);
        Map<Integer, EventTrackerStatus> status = new java.util.HashMap<>();
        for (EventTrackerStatus segment : segments) {
            status.put(segment.getSegment().getSegmentId(), segment);
        }
        when(processor.processingStatus()).thenReturn(status);
    }

    private static EventTrackerStatus segment(int id, long position, Throwable error) {
        EventTrackerStatus segment = mock(EventTrackerStatus.class);
        when(segment.getSegment()).thenReturn(Segment.ROOT_SEGMENT.split()[id]);
        when(segment.getCurrentPosition()).thenReturn(OptionalLong.of(position));
        when(segment.isErrorState()).thenReturn(error != null);
        when(segment.getError()).thenReturn(error);
        return segment;
    }
}
