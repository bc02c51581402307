package org.eprescription.query.support;

import org.axonframework.common.Registration;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The listeners in this node that follow updates by key: a live stream follows one pharmacy, institution or
 * prescription; a command's answer follows the prescription it changed until the projection shows the change.
 *
 * <p>Telling an update costs the listeners of its keys, and following or leaving costs one map entry, however many
 * others follow. Axon's subscription queries tested every open subscription on every update and every new
 * subscription, which with a thousand open streams was a quarter of the exchange's CPU (docs/benchmarks.md,
 * "Session 11"). An update told inside a unit of work (a projection's batch) is handed over once it commits, so a
 * listener never sees a change its reads cannot see yet.
 *
 * <p>A listener is called on the telling thread and must only hand the update over (enqueue it, complete a future).
 */
public final class Followers<K, U> {

    private static final Logger log = LoggerFactory.getLogger(Followers.class);

    private final ConcurrentHashMap<K, Set<Consumer<? super U>>> byKey = new ConcurrentHashMap<>();
    private final String resourceKey = "followers-" + UUID.randomUUID();

    /** {@code listener} hears every update told for {@code key} until the registration is cancelled. */
    public Registration follow(K key, Consumer<? super U> listener) {
        byKey.compute(key, (followed, listeners) -> {
            Set<Consumer<? super U>> set = listeners != null ? listeners : ConcurrentHashMap.newKeySet();
            set.add(listener);
            return set;
        });
        return () -> {
            byKey.computeIfPresent(key, (followed, listeners) -> {
                listeners.remove(listener);
                return listeners.isEmpty() ? null : listeners;
            });
            return true;
        };
    }

    /**
     * Hands {@code update} to the followers of each of {@code keys} (distinct keys, a listener follows one), after the
     * current unit of work commits, or at once outside one.
     */
    public void tell(Collection<? extends K> keys, U update) {
        if (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().phase() == UnitOfWork.Phase.STARTED) {
            heldUntilCommit(CurrentUnitOfWork.get()).add(() -> deliver(keys, update));
        } else {
            deliver(keys, update);
        }
    }

    /** In the order told (a unit of work runs its after-commit handlers in reverse order of registration). */
    private List<Runnable> heldUntilCommit(UnitOfWork<?> unitOfWork) {
        return unitOfWork.getOrComputeResource(resourceKey, key -> {
            List<Runnable> held = new ArrayList<>();
            unitOfWork.afterCommit(committed -> held.forEach(Runnable::run));
            return held;
        });
    }

    /** Whether anybody in this node follows one of {@code keys}. */
    public boolean followsAny(Collection<? extends K> keys) {
        return keys.stream().anyMatch(byKey::containsKey);
    }

    /** How many listeners follow, over all keys. */
    public int count() {
        return byKey.values().stream().mapToInt(Set::size).sum();
    }

    private void deliver(Collection<? extends K> keys, U update) {
        for (K key : keys) {
            Set<Consumer<? super U>> listeners = byKey.get(key);
            if (listeners == null) {
                continue;
            }
            for (Consumer<? super U> listener : listeners) {
                try {
                    listener.accept(update);
                } catch (RuntimeException e) {
                    log.warn("a follower of {} failed to take an update", key, e);
                }
            }
        }
    }
}
