package org.eprescription.api.security;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryGateway;
import org.eprescription.api.problem.UnknownResourceException;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.refusal.PrescriptionRefusedException;
import org.eprescription.core.refusal.Refusal;
import org.eprescription.query.alerts.query.AlertQueries;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.TransactionSystemException;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * {@link ResourceAccess#commandOn} hides a refusal from a caller the view does not show as involved (a lagging view
 * shows nobody), and nothing else: a failure that is not a refusal must not become a 403 kept under the request's key.
 */
class CommandOnTest {

    private final CurrentUser currentUser = mock(CurrentUser.class);
    private final QueryGateway queries = mock(QueryGateway.class);
    private final EventStore store = mock(EventStore.class);
    private final ResourceAccess access = new ResourceAccess(currentUser, queries, mock(AlertQueries.class), store);
    private final PrescriptionId id = PrescriptionId.random();

    @BeforeEach
    void aPharmacistTheViewDoesNotShow() {
        when(currentUser.get()).thenReturn(new ExchangeUser("RPH-1", Set.of(Role.PHARMACIST), null, "PH-1", null));
        when(queries.query(any(), any(org.axonframework.messaging.responsetypes.ResponseType.class)))
                .thenReturn(CompletableFuture.completedFuture(Optional.empty()));
    }

    @Test
    void aRefusalOnAPrescriptionThatExistsIsHiddenAsNotYoursAndAnUnknownOneIsNotFound() {
        when(store.lastSequenceNumberFor(id.toString())).thenReturn(Optional.of(2L));
        assertThatThrownBy(() -> access.commandOn(id, failing(new PrescriptionRefusedException(Refusal.NOT_HELD,
                "not held")))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> access.commandOn(id, failing(new AggregateNotFoundException(id.toString(),
                "no such aggregate")))).isInstanceOf(ForbiddenException.class);

        when(store.lastSequenceNumberFor(id.toString())).thenReturn(Optional.empty());
        assertThatThrownBy(() -> access.commandOn(id, failing(new AggregateNotFoundException(id.toString(),
                "no such aggregate")))).isInstanceOf(UnknownResourceException.class);
    }

    @Test
    void aFailureThatIsNotARefusalIsAnsweredAsItIs() {
        for (RuntimeException failure : new RuntimeException[]{
                new DataAccessResourceFailureException("connection refused"),
                new ConcurrencyException("another command appended first"),
                new TransactionSystemException("commit failed at the connection")}) {
            assertThatThrownBy(() -> access.commandOn(id, failing(failure))).isSameAs(failure);
        }
    }

    private static Supplier<Long> failing(RuntimeException failure) {
        return () -> {
            throw failure;
        };
    }
}
