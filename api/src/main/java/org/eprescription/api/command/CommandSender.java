package org.eprescription.api.command;

import lombok.RequiredArgsConstructor;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.ConcurrencyException;
import org.eprescription.api.actor.Actor;
import org.eprescription.api.actor.CommandMetadata;
import org.eprescription.api.problem.AnswerMarks;
import org.eprescription.core.code.ExchangeCodeTakenException;
import org.eprescription.core.prescription.CommandOutcome;
import org.springframework.stereotype.Component;

/**
 * Sends a command with its audit metadata and answers the aggregate version it produced. Two commands for one
 * prescription that meet (on one node or two) make the later append fail on the unique (aggregate, sequence)
 * index; that command is simply sent again against the new state. So is an issue whose exchange code another issue
 * took at the same moment (the unique index of the live codes): sent again, it sees the code taken and derives
 * another. After {@value #ATTEMPTS} attempts the failure is answered (409 concurrent change; 503 for the code).
 */
@Component
@RequiredArgsConstructor
public class CommandSender {

    static final int ATTEMPTS = 5;
    private static final CommandTargetResolver TARGETS = new CachedCommandTargetResolver();

    private final CommandGateway commandGateway;

    public long send(Object command, Actor actor, String idempotencyKey) {
        return sendForOutcome(command, actor, idempotencyKey).version();
    }

    /** As {@link #send}, with {@code write} made in the command's transaction ({@link CommandSideWrite}). */
    public long send(Object command, Actor actor, String idempotencyKey, CommandSideWrite write) {
        return sendForOutcome(command, actor, idempotencyKey, write).version();
    }

    /** As {@link #send}, with the interaction check an issue or a dispensing recorded (null for other commands). */
    public CommandOutcome sendForOutcome(Object command, Actor actor, String idempotencyKey) {
        return sendForOutcome(command, actor, idempotencyKey, null);
    }

    /** As {@link #sendForOutcome(Object, Actor, String)}, with {@code write} made in the command's transaction. */
    public CommandOutcome sendForOutcome(Object command, Actor actor, String idempotencyKey, CommandSideWrite write) {
        return dispatch(command, actor, idempotencyKey, write).outcome();
    }

    /**
     * As {@link #send}, answering what the command's handler answered, of {@code resultType}, with {@code write} made in
     * the command's transaction.
     */
    public <R> R sendForResult(Object command, Actor actor, String idempotencyKey, Class<R> resultType,
                               CommandSideWrite write) {
        return resultType.cast(dispatch(command, actor, idempotencyKey, write).result());
    }

    private HandledCommand dispatch(Object command, Actor actor, String idempotencyKey, CommandSideWrite write) {
        var message = GenericCommandMessage.asCommandMessage(command)
                .andMetaData(CommandMetadata.of(actor, idempotencyKey));
        for (int attempt = 1; ; attempt++) {
            try {
                CommandSideWrites.Pending pending = CommandSideWrites.offer(write);
                Object result;
                try {
                    result = commandGateway.sendAndWait(message);
                } finally {
                    CommandSideWrites.clear();
                }
                HandledCommand handled = new HandledCommand(command, targetOf(message), result, false);
                AnswerMarks.markCommandRecorded(RecordedResources.pathOf(handled).orElse(null));
                if (!pending.written()) {
                    // handled on another thread: the writes follow the command instead of joining its transaction
                    pending.write(handled);
                }
                return handled;
            } catch (ConcurrencyException | AggregateStreamCreationException | ExchangeCodeTakenException e) {
                // a stream created at the same moment on another node (the same issue sent twice at once) is a lost
                // race too: the next attempt finds the stream and answers as a repeated request does
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
            } catch (RuntimeException e) {
                // a failure of the live codes' projection may reach here wrapped by the event processor
                if (attempt >= ATTEMPTS || !codeTaken(e)) {
                    throw e;
                }
            }
        }
    }

    private static String targetOf(CommandMessage<?> command) {
        try {
            return TARGETS.resolveTarget(command).getIdentifier();
        } catch (IllegalArgumentException namesNone) {
            return null;
        }
    }

    private static boolean codeTaken(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof ExchangeCodeTakenException) {
                return true;
            }
        }
        return false;
    }
}
