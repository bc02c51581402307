package org.eprescription.api.security;

import org.eprescription.api.eventlog.PrescriptionsFromEvents;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.queryhandling.QueryGateway;
import org.eprescription.api.problem.UnknownResourceException;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.PatientDetails;
import org.eprescription.core.prescription.PrescriberDetails;
import org.eprescription.core.prescription.PrescriptionStatus;
import org.eprescription.query.prescription.PrescriptionView;
import org.eprescription.core.refusal.PrescriptionRefusedException;
import org.eprescription.core.refusal.Refusal;
import org.eprescription.query.alerts.query.AlertQueries;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.TransactionSystemException;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * {@link ResourceAccess#commandOn} hides a refusal from a caller that neither the view nor the prescription's events
 * show as involved (a lagging view shows nobody, the events do), and nothing else: a failure that is not a refusal must not become a 403 kept under the request's key.
 */
class CommandOnTest {

    private final CurrentUser currentUser = mock(CurrentUser.class);
    private final QueryGateway queries = mock(QueryGateway.class);
    private final PrescriptionsFromEvents events = mock(PrescriptionsFromEvents.class);
    private final ResourceAccess access = new ResourceAccess(currentUser, queries, mock(AlertQueries.class), events);
    private final PrescriptionId id = PrescriptionId.random();

    @BeforeEach
    void aPharmacistTheViewDoesNotShow() {
        when(currentUser.get()).thenReturn(new ExchangeUser("RPH-1", Set.of(Role.PHARMACIST), null, "PH-1", null));
        when(queries.query(any(), any(org.axonframework.messaging.responsetypes.ResponseType.class)))
                .thenReturn(CompletableFuture.completedFuture(Optional.empty()));
    }

    @Test
    void aRefusalOnAPrescriptionThatExistsIsHiddenAsNotYoursAndAnUnknownOneIsNotFound() {
        when(events.read(id)).thenReturn(Optional.of(heldBy("PH-2")));
        assertThatThrownBy(() -> access.commandOn(id, failing(new PrescriptionRefusedException(Refusal.NOT_HELD,
                "not held")))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> access.commandOn(id, failing(new AggregateNotFoundException(id.toString(),
                "no such aggregate")))).isInstanceOf(ForbiddenException.class);

        when(events.read(id)).thenReturn(Optional.empty());
        assertThatThrownBy(() -> access.commandOn(id, failing(new AggregateNotFoundException(id.toString(),
                "no such aggregate")))).isInstanceOf(UnknownResourceException.class);
    }

    @Test
    void aRefusalOfTheHoldingPharmacyTheViewDoesNotShowYetIsAnsweredAsItIs() {
        when(events.read(id)).thenReturn(Optional.of(heldBy("PH-1")));
        PrescriptionRefusedException refusal = new PrescriptionRefusedException(Refusal.QUANTITY_EXCEEDS_REMAINING,
                "more than is left");

        assertThatThrownBy(() -> access.commandOn(id, failing(refusal))).isSameAs(refusal);
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

    /** The prescription as its events show it: issued by HOSP-1, held by {@code pharmacy}. */
    private PrescriptionView heldBy(String pharmacy) {
        LocalDate birthDate = LocalDate.of(1958, 4, 2);
        return new PrescriptionView(id, PrescriptionStatus.ACCEPTED,
                new PatientDetails(PatientId.of("PAT-1"), birthDate, null),
                new PrescriberDetails(PrescriberId.of("DOC-1"), InstitutionId.of("HOSP-1")), List.of(), 0, 1, 1,
                birthDate.plusYears(70), PharmacyId.of(pharmacy), false, null, null, List.of(), Instant.EPOCH,
                LocalDate.EPOCH, Instant.EPOCH, 2, Instant.EPOCH, null, -1);
    }

    private static Supplier<Long> failing(RuntimeException failure) {
        return () -> {
            throw failure;
        };
    }
}
