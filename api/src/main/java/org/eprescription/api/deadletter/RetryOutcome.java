package org.eprescription.api.deadletter;

import java.util.List;

/**
 * What a retry did: {@code processed} is true when the whole sequence of the letter was handled and left the
 * queue; otherwise {@code remaining} lists what is still dead-lettered in that sequence (the failing letter first).
 */
public record RetryOutcome(String id, String processingGroup, String sequenceIdentifier, boolean processed,
                           List<DeadLetterView> remaining) {
}
