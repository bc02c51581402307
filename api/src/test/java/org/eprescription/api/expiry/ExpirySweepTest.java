package org.eprescription.api.expiry;

import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.eprescription.api.command.CommandSender;
import org.eprescription.api.config.ExchangeProperties;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.command.ExpirePrescription;
import org.eprescription.query.prescription.ExpiryCandidates;
import org.eprescription.query.prescription.FindExpiryCandidates;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The sweep reads every page of candidates, so that candidates the aggregate does not expire hold nobody back. */
class ExpirySweepTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

    private final QueryGateway queries = mock(QueryGateway.class);
    private final CommandSender commands = mock(CommandSender.class);

    @Test
    void aBatchSizeBelowOneIsRefusedAtStartInsteadOfExpiringNothing() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ExchangeProperties.Expiry(null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exchange.expiry.batch-size");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFullPageOfCandidatesThatDoNotExpireIsFollowedByTheNextPage() {
        PrescriptionId stuck = PrescriptionId.random();
        PrescriptionId overdue = PrescriptionId.random();
        ExpiryCandidates.Cursor afterStuck = new ExpiryCandidates.Cursor(TODAY.minusDays(9), stuck);
        when(queries.query(eq(new FindExpiryCandidates(TODAY, 1, null)), any(ResponseType.class)))
                .thenReturn(CompletableFuture.completedFuture(new ExpiryCandidates(List.of(stuck), afterStuck)));
        when(queries.query(eq(new FindExpiryCandidates(TODAY, 1, afterStuck)), any(ResponseType.class)))
                .thenReturn(CompletableFuture.completedFuture(new ExpiryCandidates(List.of(overdue), null)));
        ExchangeProperties properties = mock(ExchangeProperties.class);
        when(properties.expiry()).thenReturn(new ExchangeProperties.Expiry(null, 1));

        int examined = new ExpirySweep(queries, commands, Clock.fixed(Instant.parse("2026-12-07T03:00:00Z"),
                ZoneOffset.UTC), properties).sweep();

        assertThat(examined).isEqualTo(2);
        verify(commands).send(eq(new ExpirePrescription(stuck)), any(), isNull());
        verify(commands).send(eq(new ExpirePrescription(overdue)), any(), isNull());
    }
}
