package org.eprescription.api.deadletter;

import lombok.RequiredArgsConstructor;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.eprescription.api.problem.UnknownResourceException;
import org.eprescription.query.alerts.AlertProjection;
import org.eprescription.query.prescription.PrescriptionViewProjection;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The projections' dead-letter queues (Axon's JDBC queue, table deadletterentry): what is in them, and handling a
 * letter's sequence again once the cause is fixed. A sequence is one patient, in either projection; its letters are
 * always retried from the first, in order.
 */
@Component
@RequiredArgsConstructor
public class DeadLetters {

    static final List<String> PROCESSING_GROUPS =
            List.of(PrescriptionViewProjection.PROCESSING_GROUP, AlertProjection.PROCESSING_GROUP);

    private final EventProcessingConfiguration eventProcessing;

    public List<DeadLetterView> list() {
        List<DeadLetterView> letters = new ArrayList<>();
        for (String group : PROCESSING_GROUPS) {
            queue(group).ifPresent(queue -> queue.deadLetters()
                    .forEach(sequence -> sequence.forEach(letter -> letters.add(view(group, letter)))));
        }
        return letters;
    }

    /** Handles the sequence that holds letter {@code id} again, from its first letter; 404 for an unknown id. */
    public RetryOutcome retry(String id) {
        DeadLetterView letter = list().stream().filter(candidate -> candidate.id().equals(id)).findFirst()
                .orElseThrow(() -> new UnknownResourceException("no dead letter " + id));
        SequencedDeadLetterProcessor<EventMessage<?>> processor = eventProcessing
                .sequencedDeadLetterProcessor(letter.processingGroup())
                .orElseThrow(() -> new UnknownResourceException("no dead-letter queue for " + letter.processingGroup()));
        processor.process(head -> head instanceof JdbcDeadLetter<?> jdbc
                && jdbc.getSequenceIdentifier().equals(letter.sequenceIdentifier()));
        List<DeadLetterView> remaining = list().stream()
                .filter(other -> other.processingGroup().equals(letter.processingGroup())
                        && other.sequenceIdentifier().equals(letter.sequenceIdentifier()))
                .toList();
        return new RetryOutcome(id, letter.processingGroup(), letter.sequenceIdentifier(), remaining.isEmpty(),
                remaining);
    }

    private Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue(String group) {
        return eventProcessing.deadLetterQueue(group);
    }

    private static DeadLetterView view(String group, DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> event = letter.message();
        String id = letter instanceof JdbcDeadLetter<?> jdbc ? jdbc.getIdentifier() : event.getIdentifier();
        String sequence = letter instanceof JdbcDeadLetter<?> jdbc ? jdbc.getSequenceIdentifier() : null;
        String aggregate = event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
        Long sequenceNumber = event instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : null;
        DeadLetterView.Cause cause = letter.cause()
                .map(c -> new DeadLetterView.Cause(c.type(), c.message())).orElse(null);
        return new DeadLetterView(id, group, sequence, event.getPayloadType().getSimpleName(), aggregate,
                sequenceNumber, letter.enqueuedAt(), letter.lastTouched(), cause);
    }
}
