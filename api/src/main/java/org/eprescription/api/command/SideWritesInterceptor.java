package org.eprescription.api.command;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.CommandTargetResolver;

/**
 * Makes the writes offered with a command ({@link CommandSideWrites}) after its handler has run and before its
 * transaction commits: the command bus opens that transaction before any handler interceptor runs, and the events
 * are appended when it commits. A write that fails fails the command, and nothing of either is stored.
 */
public class SideWritesInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final CommandTargetResolver targets;

    public SideWritesInterceptor(CommandTargetResolver targets) {
        this.targets = targets;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        CommandSideWrites.Pending pending = CommandSideWrites.take();
        Object result = chain.proceed();
        if (pending != null) {
            CommandMessage<?> command = unitOfWork.getMessage();
            pending.write(new HandledCommand(command.getPayload(), targetOf(command), result, true));
        }
        return result;
    }

    private String targetOf(CommandMessage<?> command) {
        try {
            return targets.resolveTarget(command).getIdentifier();
        } catch (IllegalArgumentException namesNone) {
            return null;
        }
    }
}
