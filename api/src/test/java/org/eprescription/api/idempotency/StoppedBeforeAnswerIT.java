package org.eprescription.api.idempotency;

import org.eprescription.api.support.StoppedBeforeAnswering;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.IssuedPrescription;
import org.eprescription.api.support.StoredEvents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.dispense;
import static org.eprescription.api.support.Prescriptions.item;

/**
 * docs/http-api.md, "Retries": a request whose node stopped after its command was recorded and before its answer was
 * kept is never run again by a retry with its key; the retry is pointed to the resource instead. The node's stop is
 * played by putting the key's row back as such a node leaves it: claimed long ago, without an answer.
 */
class StoppedBeforeAnswerIT extends ExchangeIntegrationTest {

    @Autowired
    StoredEvents events;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IdempotentRequests requests;

    private final String keyValue = UUID.randomUUID().toString();
    private final Map<String, String> key = Map.of("Idempotency-Key", keyValue);
    private final Map<String, Object> tenTablets = dispense("PH-A", false, item(1, AMLODIPINE_BRAND, 10, 10));

    @Test
    void theCommandsOwnTransactionMarksItsRequestRecordedWithThePrescriptionItChanged() {
        IssuedPrescription rx = acceptedBy("PH-A");

        Response answer = api().post(rx.path() + "/dispense", tenTablets, key);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(jdbc.sql("select command_recorded_at is not null from idempotent_request where idempotency_key = ?")
                .param(keyValue).query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("select command_resource from idempotent_request where idempotency_key = ?")
                .param(keyValue).query(String.class).single()).isEqualTo("/api/v1/prescriptions/" + rx.id());
    }

    @Test
    void aRetryAfterTheNodeStoppedBetweenCommandAndAnswerIsPointedToThePrescriptionAndDispensesNothing() {
        IssuedPrescription rx = acceptedBy("PH-A");
        assertThat(api().post(rx.path() + "/dispense", tenTablets, key).status()).isEqualTo(200);
        StoppedBeforeAnswering.leave(jdbc, keyValue);

        Response retry = api().post(rx.path() + "/dispense", tenTablets, key);
        Response again = api().post(rx.path() + "/dispense", tenTablets, key);

        assertThat(retry.status()).as("recorded, never \"not done\": " + retry).isEqualTo(202);
        assertThat(retry.body().path("recorded").asBoolean()).isTrue();
        assertThat(retry.location()).endsWith("/api/v1/prescriptions/" + rx.id());
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.body()).isEqualTo(retry.body());
        assertThat(events.count(rx.id(), "PrescriptionDispensed")).isEqualTo(1);
        assertThat(api().get(rx.path()).body().path("dispensings")).hasSize(1);
    }

    @Test
    void aRetryAfterTheNodeStoppedBeforeRecordingTheCommandRunsIt() {
        IssuedPrescription rx = acceptedBy("PH-A");
        assertThat(api().post(rx.path() + "/dispense", tenTablets, key).status()).isEqualTo(200);
        StoppedBeforeAnswering.leave(jdbc, keyValue);
        // as if the command had not been recorded either (its transaction did not commit)
        jdbc.sql("update idempotent_request set command_recorded_at = null where idempotency_key = ?")
                .param(keyValue).update();

        Response retry = api().post(rx.path() + "/dispense", tenTablets, key);

        assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
        assertThat(events.count(rx.id(), "PrescriptionDispensed"))
                .as("the retry ran the request; the first dispensing stays, as the row was faked").isEqualTo(2);
    }

    @Test
    void aRequestWhoseClaimARetryTookOverCanNeitherRecordItsCommandNorAnswerNorGiveTheKeyUp() {
        RequestKey requestKey = new RequestKey(keyValue, "POST", "/api/v1/prescriptions/" + UUID.randomUUID());
        byte[] hash = {1, 2, 3};
        UUID slow = UUID.randomUUID();
        UUID retry = UUID.randomUUID();
        assertThat(requests.claim(requestKey, hash, slow)).isTrue();
        claimedLongAgo();

        assertThat(requests.takeOverAbandoned(requestKey, hash, Duration.ofMinutes(1), retry)).isTrue();

        assertThat(requests.markCommandRecorded(requestKey, slow, null)).isFalse();
        requests.release(requestKey, slow);
        requests.complete(requestKey, slow, new StoredAnswer(409, "application/problem+json", new byte[0], null));
        assertThat(requests.find(requestKey)).hasValueSatisfying(row -> assertThat(row.answer()).isEmpty());
        assertThat(requests.markCommandRecorded(requestKey, retry, null)).isTrue();
    }

    @Test
    void aClaimWhoseCommandIsRecordedIsNeitherTakenOverNorGivenUp() {
        RequestKey requestKey = new RequestKey(keyValue, "POST", "/api/v1/prescriptions/" + UUID.randomUUID());
        byte[] hash = {1, 2, 3};
        UUID first = UUID.randomUUID();
        assertThat(requests.claim(requestKey, hash, first)).isTrue();
        assertThat(requests.markCommandRecorded(requestKey, first, "/api/v1/prescriptions/x")).isTrue();
        claimedLongAgo();

        assertThat(requests.takeOverAbandoned(requestKey, hash, Duration.ofMinutes(1), UUID.randomUUID())).isFalse();
        requests.release(requestKey, first);
        assertThat(requests.find(requestKey)).isPresent();
    }

    @Test
    void aRequestThatRecordedItsCommandRecentlyIsStillItsOwnHoweverLongAgoItClaimed() {
        RequestKey requestKey = new RequestKey(keyValue, "POST", "/api/v1/prescriptions/" + UUID.randomUUID());
        byte[] hash = {1, 2, 3};
        UUID slow = UUID.randomUUID();
        assertThat(requests.claim(requestKey, hash, slow)).isTrue();
        claimedLongAgo();
        assertThat(requests.markCommandRecorded(requestKey, slow, null)).isTrue();

        assertThat(requests.answerAbandonedRecorded(requestKey, hash, Duration.ofMinutes(1),
                new StoredAnswer(503, "application/problem+json", new byte[0], null))).isFalse();
        requests.complete(requestKey, slow, new StoredAnswer(200, "application/json", new byte[0], null));
        assertThat(requests.find(requestKey)).hasValueSatisfying(row ->
                assertThat(row.answer()).hasValueSatisfying(answer -> assertThat(answer.status()).isEqualTo(200)));
    }

    private void claimedLongAgo() {
        jdbc.sql("update idempotent_request set created_at = now() - interval '2 minutes' where idempotency_key = ?")
                .param(keyValue).update();
    }

}
