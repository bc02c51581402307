package org.eprescription.api.actor;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * No event without an actor: refuses, before its handler runs, any command that does not carry
 * {@value CommandMetadata#ACTOR_ID} and {@value CommandMetadata#ACTOR_ROLE}. It intercepts handling rather than
 * dispatch so it guards every way a command can reach an aggregate (any gateway, any node). Axon's Spring
 * auto-configuration registers it on the command bus.
 */
public class ActorRequiredInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        CommandMessage<?> command = unitOfWork.getMessage();
        if (isBlank(command.getMetaData().get(CommandMetadata.ACTOR_ID))
                || isBlank(command.getMetaData().get(CommandMetadata.ACTOR_ROLE))) {
            throw new UnattributedCommandException(command.getCommandName());
        }
        return chain.proceed();
    }

    private static boolean isBlank(Object value) {
        return value == null || value.toString().isBlank();
    }
}
