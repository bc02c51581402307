package org.eprescription.api.pharmacy;

import org.eprescription.api.actor.Actor;
import org.eprescription.api.command.CommandSender;
import org.eprescription.api.prescription.PrescriptionResponses;
import org.eprescription.api.privacy.AccessLog;
import org.eprescription.core.code.ExchangeCodes;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.PatientDetails;
import org.eprescription.core.prescription.PrescriberDetails;
import org.eprescription.core.refusal.PrescriptionRefusedException;
import org.eprescription.core.prescription.PrescriptionStatus;
import org.eprescription.core.refusal.Refusal;
import org.eprescription.query.prescription.ExchangeCodeHolder;
import org.eprescription.query.prescription.PrescriptionView;
import org.junit.jupiter.api.Test;
import org.mockito.invocation.Invocation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.when;

/**
 * An unknown code and a known code with a wrong birth date are refused after the same steps with arguments of the
 * same kind, so that neither the answer nor the work done tells them apart; only a matching pair sends a command.
 */
class AcceptWithCodeTest {

    private static final ExchangeCodes CODES = new ExchangeCodes("k2", Map.of(
            "k1", "accept-test-key-one-0123456789abcdef".getBytes(StandardCharsets.UTF_8),
            "k2", "accept-test-key-two-0123456789abcdef".getBytes(StandardCharsets.UTF_8)));
    private static final PrescriptionId ID = PrescriptionId.random();
    private static final LocalDate BIRTH_DATE = LocalDate.of(1958, 4, 2);
    private static final PharmacyId PHARMACY = PharmacyId.of("PH-1");

    private final ExchangeCodeLookup lookup = mock(ExchangeCodeLookup.class);
    private final AcceptAttempts attempts = mock(AcceptAttempts.class);
    private final AccessLog accessLog = mock(AccessLog.class);
    private final CommandSender commands = mock(CommandSender.class);
    private final PrescriptionResponses responses = mock(PrescriptionResponses.class);
    private final AcceptWithCode acceptWithCode = new AcceptWithCode(CODES, lookup, attempts, accessLog, commands,
            responses);

    @Test
    void anUnknownCodeAndAKnownCodeWithAWrongBirthDateDoTheSameWork() {
        String code = CODES.codeFor(ID, "k1", 0);

        when(lookup.holderOf(anyList())).thenReturn(Optional.empty());
        List<String> unknown = refusedAfter("1111-2222-3333-4444", BIRTH_DATE);

        when(lookup.holderOf(anyList()))
                .thenReturn(Optional.of(new ExchangeCodeHolder(view(), CODES.hashOf(code, "k1"))));
        List<String> wrongBirthDate = refusedAfter(code, BIRTH_DATE.plusDays(1));

        assertThat(wrongBirthDate).isEqualTo(unknown).containsExactly(
                "ExchangeCodeLookup.holderOf(List[2])",
                "AcceptAttempts.decide(PharmacyId, *, false)",
                "AccessLog.failedAccept(*, String)");
    }

    @Test
    void onlyAMatchingCodeAndBirthDateSendTheCommandAndARefusalOfAnotherKindIsNoFailure() {
        matchingAcceptRefusedWith(new PrescriptionRefusedException(Refusal.HELD_BY_ANOTHER_PHARMACY, "held"));

        assertThat(steps()).containsExactly(
                "ExchangeCodeLookup.holderOf(List[2])",
                "AcceptAttempts.decide(PharmacyId, *, true)",
                "CommandSender.send(AcceptPrescription, Actor, *, CommandSideWrite)");
    }

    @Test
    void aMatchThePrescriptionItselfDoesNotKnowCountsAsAFailureOfThePharmacy() {
        matchingAcceptRefusedWith(PrescriptionRefusedException.unknownExchangeCode());

        assertThat(steps()).containsExactly(
                "ExchangeCodeLookup.holderOf(List[2])",
                "AcceptAttempts.decide(PharmacyId, *, true)",
                "CommandSender.send(AcceptPrescription, Actor, *, CommandSideWrite)",
                "AcceptAttempts.failedAfterMatch(PharmacyId)");
    }

    /** An accept whose code and birth date match, refused by the aggregate with {@code refusal}. */
    private void matchingAcceptRefusedWith(PrescriptionRefusedException refusal) {
        String code = CODES.codeFor(ID, "k1", 0);
        when(lookup.holderOf(anyList()))
                .thenReturn(Optional.of(new ExchangeCodeHolder(view(), CODES.hashOf(code, "k1"))));
        when(commands.send(any(), any(), any(), any())).thenThrow(refusal);

        assertThatThrownBy(() -> acceptWithCode.accept(code, BIRTH_DATE, PHARMACY, PharmacistId.of("RPH-1"),
                Actor.system("test"), null)).isSameAs(refusal);
    }

    private List<String> refusedAfter(String code, LocalDate birthDate) {
        org.mockito.Mockito.clearInvocations(lookup, attempts, accessLog, commands, responses);
        assertThatThrownBy(() -> acceptWithCode.accept(code, birthDate, PHARMACY, PharmacistId.of("RPH-1"),
                Actor.system("test"), null))
                .isInstanceOfSatisfying(PrescriptionRefusedException.class,
                        refused -> assertThat(refused.refusal()).isEqualTo(Refusal.UNKNOWN_EXCHANGE_CODE));
        return steps();
    }

    /** Every call on a collaborator, in order, with the kinds of its arguments (a null or a value: "*"). */
    private List<String> steps() {
        List<Invocation> all = new ArrayList<>();
        for (Object collaborator : List.of(lookup, attempts, accessLog, commands, responses)) {
            all.addAll(mockingDetails(collaborator).getInvocations());
        }
        all.sort((a, b) -> Integer.compare(a.getSequenceNumber(), b.getSequenceNumber()));
        return all.stream().map(AcceptWithCodeTest::describe).toList();
    }

    private static String describe(Invocation invocation) {
        List<String> arguments = new ArrayList<>();
        Class<?>[] types = invocation.getMethod().getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            Object argument = invocation.getArgument(i);
            if (argument instanceof List<?> list) {
                arguments.add("List[" + list.size() + "]");
            } else if (types[i] == PrescriptionId.class || types[i] == PatientId.class
                    || types[i] == String.class && invocation.getMethod().getName().equals("send")) {
                arguments.add("*");
            } else if (types[i] == boolean.class) {
                arguments.add(String.valueOf(argument));
            } else if (types[i] == Object.class && argument != null) {
                arguments.add(argument.getClass().getSimpleName());
            } else {
                arguments.add(types[i].getSimpleName());
            }
        }
        return invocation.getMethod().getDeclaringClass().getSimpleName() + "." + invocation.getMethod().getName()
                + "(" + String.join(", ", arguments) + ")";
    }

    private static PrescriptionView view() {
        return new PrescriptionView(ID, PrescriptionStatus.ISSUED,
                new PatientDetails(PatientId.of("PAT-1"), BIRTH_DATE, null),
                new PrescriberDetails(PrescriberId.of("DOC-1"), InstitutionId.of("HOSP-1")), List.of(), 0, 1, 1,
                BIRTH_DATE.plusYears(70), null, false, null, null, List.of(), Instant.EPOCH, LocalDate.EPOCH, Instant.EPOCH,
                1, null,
                null, -1);
    }
}
