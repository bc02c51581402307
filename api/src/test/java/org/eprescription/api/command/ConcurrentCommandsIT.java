package org.eprescription.api.command;

import org.eprescription.api.support.Concurrently;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.IssuedPrescription;
import org.eprescription.api.support.StoredEvents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.accept;
import static org.eprescription.api.support.Prescriptions.dispense;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.item;
import static org.eprescription.api.support.Prescriptions.prescriberHeaders;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * Commands for one prescription that meet: the later append fails on the unique (aggregate, sequence) index and
 * CommandSender sends it again, so it is decided against the state the winner left. No rule is broken, and every
 * success is exactly one event.
 */
class ConcurrentCommandsIT extends ExchangeIntegrationTest {

    private static final Map<String, String> REASON = Map.of("reason", "therapy changed");

    @Autowired
    StoredEvents events;

    @Test
    void twentyPharmaciesAcceptingAtOnceLeaveExactlyOneHolder() throws Exception {
        IssuedPrescription rx = issued(issue(unique("HOSP")));
        List<Callable<Response>> accepts = IntStream.rangeClosed(1, 20)
                .mapToObj(n -> (Callable<Response>) () -> api().post("/prescriptions/accept",
                        accept(rx.exchangeCode(), BIRTH_DATE, "PH-" + n)))
                .toList();

        List<Response> answers = Concurrently.run(accepts);

        assertThat(answers).filteredOn(answer -> answer.status() == 200).hasSize(1);
        assertThat(answers).filteredOn(answer -> answer.status() == 409).hasSize(19);
        String winner = answers.stream().filter(answer -> answer.status() == 200).findFirst().orElseThrow()
                .text("pharmacyId");
        assertThat(events.count(rx.id(), "PrescriptionAccepted")).isEqualTo(1);
        assertThat(api().get(rx.path()).text("pharmacyId")).isEqualTo(winner);
    }

    @Test
    void concurrentPartialDispensesNeverExceedThePrescribedQuantity() throws Exception {
        IssuedPrescription rx = issued(issue(unique("HOSP")));
        assertThat(api().post("/prescriptions/accept", accept(rx.exchangeCode(), BIRTH_DATE, "PH-A")).status())
                .isEqualTo(200);
        Map<String, Object> fiveOfTwentyEight = dispense("PH-A", false, item(1, AMLODIPINE_BRAND, 5, 5));

        List<Response> answers = Concurrently.run(10, () -> api().post(rx.path() + "/dispense", fiveOfTwentyEight));

        long dispensed = answers.stream().filter(answer -> answer.status() == 200).count();
        assertThat(answers).extracting(Response::status).allMatch(status -> status == 200 || status == 422
                || status == 409);
        assertThat(dispensed * 5).as("tablets dispensed of 28").isLessThanOrEqualTo(28);
        assertThat(events.count(rx.id(), "PrescriptionDispensed")).isEqualTo((int) dispensed);
        assertThat(answers).filteredOn(answer -> answer.status() == 422)
                .allMatch(answer -> answer.text("refusal").equals("QUANTITY_EXCEEDS_REMAINING"));
        // every dispense that lost a race was decided again against the new state: five fit, the rest do not
        assertThat(dispensed).isEqualTo(5);
    }

    @Test
    void aCancelRacingAnAcceptEndsCancelledOrAcceptedWithTheCancellationRequested() throws Exception {
        List<String> outcomes = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            IssuedPrescription rx = issued(issue(unique("HOSP")));
            List<Response> answers = Concurrently.run(List.of(
                    () -> api().post(rx.path() + "/cancel", REASON, prescriberHeaders(rx.institutionId())),
                    () -> api().post("/prescriptions/accept", accept(rx.exchangeCode(), BIRTH_DATE, "PH-A"))));
            Response cancel = answers.get(0);
            Response accept = answers.get(1);

            assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);
            if (accept.status() == 200) {
                assertThat(events.count(rx.id(), "PrescriptionAccepted")).isEqualTo(1);
                assertThat(events.count(rx.id(), "CancellationRequested")).isEqualTo(1);
                assertThat(events.count(rx.id(), "PrescriptionCancelled")).isZero();
                // issued, its check, accepted, cancellation requested
                assertThat(events.count(rx.id())).isEqualTo(4);
                awaitView(rx, "ACCEPTED", true);
                outcomes.add("accepted first");
            } else {
                assertThat(accept.status()).as(accept.toString()).isEqualTo(409);
                assertThat(events.count(rx.id(), "PrescriptionCancelled")).isEqualTo(1);
                // issued, its check, cancelled
                assertThat(events.count(rx.id())).isEqualTo(3);
                awaitView(rx, "CANCELLED", false);
                outcomes.add("cancelled first");
            }
        }
        System.out.println("cancel racing accept, 20 rounds: " + outcomes.stream()
                .collect(Collectors.groupingBy(outcome -> outcome, Collectors.counting())));
    }

    private void awaitView(IssuedPrescription rx, String status, boolean cancellationRequested) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Response view = api().get(rx.path());
            assertThat(view.text("status")).isEqualTo(status);
            assertThat(view.body().path("cancellationRequested").asBoolean()).isEqualTo(cancellationRequested);
        });
    }
}
