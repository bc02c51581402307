package org.eprescription.api.deadletter;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.eprescription.query.support.WritesHeldForBatch;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Collection;
import java.util.Set;

/**
 * Runs each event handler of the dead-lettering projections inside a savepoint of the batch's transaction. A failed
 * statement aborts a PostgreSQL transaction: without the savepoint, the dead-letter queue could not record the
 * failing event in that same transaction, and the whole batch would be retried forever instead. With it, the
 * failing handler's writes are rolled back alone, the letter is enqueued, and the batch goes on. Handlers that write
 * nothing themselves in a batch ({@link WritesHeldForBatch}) run without one: two statements fewer per event.
 */
public class SavepointPerEvent implements HandlerEnhancerDefinition {

    private final TransactionTemplate savepoint;
    private final Set<String> processingGroups;

    public SavepointPerEvent(PlatformTransactionManager transactionManager, Collection<String> processingGroups) {
        this.savepoint = new TransactionTemplate(transactionManager);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.processingGroups = Set.copyOf(processingGroups);
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        ProcessingGroup group = original.declaringClass().getAnnotation(ProcessingGroup.class);
        if (!original.canHandleMessageType(EventMessage.class) || group == null
                || !processingGroups.contains(group.value()) || writesHeldForBatch(original)) {
            return original;
        }
        return new InSavepoint<>(original);
    }

    /** A handler that writes nothing itself in a batch cannot abort the batch's transaction with a failed write. */
    private static boolean writesHeldForBatch(MessageHandlingMember<?> handler) {
        return handler.hasAnnotation(WritesHeldForBatch.class)
                || handler.declaringClass().isAnnotationPresent(WritesHeldForBatch.class);
    }

    private final class InSavepoint<T> extends WrappedMessageHandlingMember<T> {

        private InSavepoint(MessageHandlingMember<T> delegate) {
            super(delegate);
        }

        @Override
        public Object handle(Message<?> message, T target) throws Exception {
            if (!TransactionSynchronizationManager.isActualTransactionActive()) {
                return super.handle(message, target);
            }
            try {
                return savepoint.execute(status -> {
                    try {
                        return super.handle(message, target);
                    } catch (RuntimeException | Error unchecked) {
                        throw unchecked;
                    } catch (Exception checked) {
                        throw new CheckedFailure(checked);
                    }
                });
            } catch (CheckedFailure failure) {
                throw failure.checked;
            }
        }
    }

    /** Carries a handler's checked exception through the template, which rolls back only on unchecked ones. */
    private static final class CheckedFailure extends RuntimeException {

        private final Exception checked;

        private CheckedFailure(Exception checked) {
            super(checked);
            this.checked = checked;
        }
    }
}
