package org.eprescription.api.command;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.eventhandling.EventProcessingException;
import org.eprescription.api.actor.Actor;
import org.eprescription.core.code.ExchangeCodeTakenException;
import org.eprescription.core.refusal.PrescriptionRefusedException;
import org.junit.jupiter.api.Test;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class CommandSenderTest {

    private static final Actor ACTOR = Actor.system("test");

    private final CommandGateway gateway = mock(CommandGateway.class);
    private final CommandSender sender = new CommandSender(gateway);

    @Test
    void aCommandThatLostARaceIsSentAgain() {
        when(gateway.sendAndWait(any(CommandMessage.class)))
                .thenThrow(new ConcurrencyException("sequence 3 taken"))
                .thenReturn(4L);

        assertThat(sender.send("command", ACTOR, null)).isEqualTo(4L);
        verify(gateway, times(2)).sendAndWait(any(CommandMessage.class));
    }

    @Test
    void aCommandWhoseStreamAnotherNodeCreatedAtTheSameMomentIsSentAgain() {
        when(gateway.sendAndWait(any(CommandMessage.class)))
                .thenThrow(new AggregateStreamCreationException("Cannot reuse aggregate identifier"))
                .thenReturn(0L);

        assertThat(sender.send("command", ACTOR, null)).isEqualTo(0L);
        verify(gateway, times(2)).sendAndWait(any(CommandMessage.class));
    }

    @Test
    void aCommandThatKeepsLosingGivesUpAfterAFewAttempts() {
        when(gateway.sendAndWait(any(CommandMessage.class))).thenThrow(new ConcurrencyException("always taken"));

        assertThatThrownBy(() -> sender.send("command", ACTOR, null)).isInstanceOf(ConcurrencyException.class);
        verify(gateway, times(CommandSender.ATTEMPTS)).sendAndWait(any(CommandMessage.class));
    }

    @Test
    void sideWritesOfACommandHandledOnAnotherThreadAreMadeRightAfterIt() {
        when(gateway.sendAndWait(any(CommandMessage.class))).thenReturn(7L);
        List<Object> written = new ArrayList<>();

        sender.send("command", ACTOR, null, handled -> written.add(handled.result()));

        assertThat(written).containsExactly(7L);
    }

    @Test
    void sideWritesAreMadeOnceWhenTheCommandsHandlingMadeThem() {
        SideWritesInterceptor interceptor = new SideWritesInterceptor(command -> {
            throw new IllegalArgumentException("names no aggregate");
        });
        when(gateway.sendAndWait(any(CommandMessage.class))).thenAnswer(call -> {
            DefaultUnitOfWork<CommandMessage<?>> handling = DefaultUnitOfWork.startAndGet(call.getArgument(0));
            return handling.executeWithResult(() -> interceptor.handle(handling, () -> 7L)).getPayload();
        });
        List<Object> written = new ArrayList<>();

        sender.send("command", ACTOR, null, handled -> written.add(handled.result()));

        assertThat(written).containsExactly(7L);
    }

    @Test
    void aRefusalIsNeverRetried() {
        when(gateway.sendAndWait(any(CommandMessage.class)))
                .thenThrow(PrescriptionRefusedException.unknownExchangeCode());

        assertThatThrownBy(() -> sender.send("command", ACTOR, null))
                .isInstanceOf(PrescriptionRefusedException.class);
        verify(gateway, times(1)).sendAndWait(any(CommandMessage.class));
    }

    @Test
    void anIssueWhoseCodeWasTakenAtTheSameMomentIsSentAgainEvenWhenTheProcessorWrappedTheFailure() {
        when(gateway.sendAndWait(any(CommandMessage.class)))
                .thenThrow(new ExchangeCodeTakenException())
                .thenThrow(new EventProcessingException("live-exchange-code failed", new ExchangeCodeTakenException()))
                .thenReturn(0L);

        assertThat(sender.send("issue", ACTOR, null)).isZero();
        verify(gateway, times(3)).sendAndWait(any(CommandMessage.class));
    }

    @Test
    void aCodeTakenAgainAndAgainGivesUpAfterAFewAttempts() {
        when(gateway.sendAndWait(any(CommandMessage.class))).thenThrow(new ExchangeCodeTakenException());

        assertThatThrownBy(() -> sender.send("issue", ACTOR, null)).isInstanceOf(ExchangeCodeTakenException.class);
        verify(gateway, times(CommandSender.ATTEMPTS)).sendAndWait(any(CommandMessage.class));
    }

    @Test
    void anotherFailureIsNotRetried() {
        when(gateway.sendAndWait(any(CommandMessage.class))).thenThrow(new IllegalStateException("broken"));

        assertThatThrownBy(() -> sender.send("issue", ACTOR, null)).isInstanceOf(IllegalStateException.class);
        verify(gateway, times(1)).sendAndWait(any(CommandMessage.class));
    }
}
