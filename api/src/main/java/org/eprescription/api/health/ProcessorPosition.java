package org.eprescription.api.health;

import org.axonframework.eventhandling.StreamingEventProcessor;

import java.util.OptionalLong;

/** Where a streaming processor stands: the global index all its claimed segments have processed up to. */
final class ProcessorPosition {

    private ProcessorPosition() {
    }

    /** Empty while this node claims none of its segments (another node may hold them). */
    static OptionalLong of(StreamingEventProcessor processor) {
        return processor.processingStatus().values().stream()
                .mapToLong(segment -> segment.getCurrentPosition().orElse(-1))
                .reduce(Math::min);
    }

    static OptionalLong lag(StreamingEventProcessor processor, long head) {
        OptionalLong position = of(processor);
        return position.isPresent() ? OptionalLong.of(Math.max(0, head - position.getAsLong())) : OptionalLong.empty();
    }
}
