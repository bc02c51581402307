package org.eprescription.api.actor;

/**
 * A command reached the command bus without saying who sends it. Every path through the api attaches an actor,
 * so this is a defect of the exchange, not of the request: it is answered as an internal error.
 */
public class UnattributedCommandException extends IllegalStateException {

    public UnattributedCommandException(String commandName) {
        super(commandName + " carries no actorId and actorRole metadata; every event must name who caused it");
    }
}
