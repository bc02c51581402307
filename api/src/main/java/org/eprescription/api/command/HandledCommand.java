package org.eprescription.api.command;

import org.eprescription.core.prescription.CommandOutcome;

/**
 * A command whose handler has run: what it was, the aggregate it addressed (null when unknown) and what its handler
 * answered; {@code inItsTransaction} when its transaction is still open (a write can still fail it), false when the
 * command was handled elsewhere and is already stored.
 */
public record HandledCommand(Object payload, String targetId, Object result, boolean inItsTransaction) {

    /** The handler's answer as the version it recorded and the interaction check it made (null for most commands). */
    public CommandOutcome outcome() {
        if (result instanceof CommandOutcome outcome) {
            return outcome;
        }
        return new CommandOutcome(result instanceof Number version ? version.longValue() : 0L, null);
    }
}
