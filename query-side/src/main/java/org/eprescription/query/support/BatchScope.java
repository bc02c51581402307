package org.eprescription.query.support;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A buffer that lives as long as the event processor's batch being handled (its root unit of work): opened when a
 * handler first asks for it, told the batch's events ({@link ReplayBuffer#beforeBatch}), written out
 * ({@link ReplayBuffer#flush}) just before the batch's transaction commits, and dropped with the unit of work, so a
 * rolled back batch leaves nothing behind (docs/architecture.md, "One write path, batched").
 */
public final class BatchScope {

    private BatchScope() {
    }

    /** A key no other owner's buffer has, for {@link #buffer}. */
    public static String newKey(String name) {
        return BatchScope.class.getName() + ":" + name + ":" + UUID.randomUUID();
    }

    /**
     * The buffer kept under {@code key} (from {@link #newKey}) for the current batch, opened with {@code opener} if
     * there is none yet; empty outside a unit of work (a handler called directly), where the caller writes at once.
     */
    public static <B extends ReplayBuffer> Optional<B> buffer(String key, Supplier<B> opener) {
        if (!CurrentUnitOfWork.isStarted()) {
            return Optional.empty();
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return Optional.of(root.getOrComputeResource(key, unused -> open(root, opener)));
    }

    private static <B extends ReplayBuffer> B open(UnitOfWork<?> root, Supplier<B> opener) {
        B buffer = opener.get();
        List<? extends EventMessage<?>> events = root instanceof BatchingUnitOfWork<?> batch
                ? batch.getMessages().stream().filter(EventMessage.class::isInstance)
                        .map(message -> (EventMessage<?>) message).toList()
                : root.getMessage() instanceof EventMessage<?> event ? List.of(event) : List.of();
        buffer.beforeBatch(events);
        root.onPrepareCommit(unitOfWork -> buffer.flush());
        return buffer;
    }
}
