package org.eprescription.api.idempotency;

import org.eprescription.api.support.Concurrently;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.Identity;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.IssuedPrescription;
import org.eprescription.api.support.StoredEvents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.accept;
import static org.eprescription.api.support.Prescriptions.dispense;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.item;
import static org.eprescription.api.support.Prescriptions.unique;

/** docs/http-api.md, "Retries": a retry with the same Idempotency-Key returns the first answer and changes nothing. */
class IdempotencyKeyIT extends ExchangeIntegrationTest {

    @Autowired
    StoredEvents events;

    /** The Idempotency-Key header of this test's requests: a new key for each test. */
    private final Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

    @Test
    void aRetriedDispenseAnswersExactlyTheFirstAnswerAndDispensesOnce() {
        IssuedPrescription rx = acceptedBy("PH-A");
        Map<String, Object> tenTablets = tablets("PH-A", 10);

        Response first = api().post(rx.path() + "/dispense", tenTablets, key);
        Response retry = api().post(rx.path() + "/dispense", tenTablets, key);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(retry.status()).isEqualTo(first.status());
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.contentType()).isEqualTo(first.contentType());
        assertThat(events.count(rx.id(), "PrescriptionDispensed")).isEqualTo(1);
        assertThat(api().get(rx.path()).body().path("dispensings")).hasSize(1);
    }

    @Test
    void anotherCallerWithTheSameKeyAndBodyIsRefusedNeverGivenTheFirstAnswer() {
        Map<String, Object> body = issue(unique("HOSP"));

        Response first = api().post("/prescriptions", body, key);
        Response stranger = api().as(Identity.prescriber("DOC-X", unique("HOSP"))).post("/prescriptions", body, key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(stranger.status()).as(stranger.toString()).isEqualTo(422);
        assertThat(stranger.text("type")).isEqualTo("/problems/idempotency-key-reused");
        assertThat(stranger.body().toString()).doesNotContain(first.text("exchangeCode"));
    }

    @Test
    void theSameSubjectActingForAnotherInstitutionIsAnotherCallerNeverGivenTheFirstAnswer() {
        String hospital = unique("HOSP");
        IssuedPrescription rx = issued(issue(hospital));
        Map<String, String> reason = Map.of("reason", "wrong patient");

        Response first = api().as(Identity.prescriber("EHR-VENDOR", hospital)).post(rx.path() + "/cancel", reason,
                key);
        Response other = api().as(Identity.prescriber("EHR-VENDOR", unique("HOSP"))).post(rx.path() + "/cancel",
                reason, key);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(other.status()).as(other.toString()).isEqualTo(422);
        assertThat(other.text("type")).isEqualTo("/problems/idempotency-key-reused");
    }

    @Test
    void aKeyOnAPathLongerThanTheStoredKeyHoldsIsAMalformedRequestNotAnOutage() {
        Response response = api().post("/prescriptions/" + "x".repeat(1_000) + "/cancel", Map.of("reason", "r"),
                key);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.text("type")).isEqualTo("/problems/malformed-request");
    }

    @Test
    void aRetriedAcceptAnswersTheFirstAnswerAndAcceptsOnce() {
        IssuedPrescription rx = issued(issue(unique("HOSP")));

        Response first = api().post("/prescriptions/accept", accept(rx.exchangeCode(), BIRTH_DATE, "PH-A"), key);
        Response retry = api().post("/prescriptions/accept", accept(rx.exchangeCode(), BIRTH_DATE, "PH-A"), key);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(events.count(rx.id(), "PrescriptionAccepted")).isEqualTo(1);
    }

    @Test
    void aRefusalIsAnAnswerToo() {
        IssuedPrescription rx = acceptedBy("PH-A");
        Map<String, Object> byAnotherPharmacy = tablets("PH-B", 10);

        Response first = api().post(rx.path() + "/dispense", byAnotherPharmacy, key);
        api().post(rx.path() + "/release", Map.of("pharmacyId", "PH-A", "reason", "out of stock"));
        api().post("/prescriptions/accept", accept(rx.exchangeCode(), BIRTH_DATE, "PH-B"));
        Response retry = api().post(rx.path() + "/dispense", byAnotherPharmacy, key);

        assertThat(first.status()).isEqualTo(403);
        assertThat(retry.status()).as("the first answer, though PH-B could dispense now").isEqualTo(403);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(events.count(rx.id(), "PrescriptionDispensed")).isZero();
    }

    @Test
    void aUsedKeyWithAnotherBodyIsRefusedAndChangesNothing() {
        IssuedPrescription rx = acceptedBy("PH-A");
        api().post(rx.path() + "/dispense", tablets("PH-A", 10), key);

        Response other = api().post(rx.path() + "/dispense", tablets("PH-A", 5), key);

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.contentType()).startsWith("application/problem+json");
        assertThat(other.text("type")).isEqualTo("/problems/idempotency-key-reused");
        assertThat(events.count(rx.id(), "PrescriptionDispensed")).isEqualTo(1);
    }

    @Test
    void theSameKeyOnAnotherPrescriptionIsAnotherRequest() {
        IssuedPrescription one = acceptedBy("PH-A");
        IssuedPrescription other = acceptedBy("PH-A");
        Map<String, Object> tenTablets = tablets("PH-A", 10);

        assertThat(api().post(one.path() + "/dispense", tenTablets, key).status()).isEqualTo(200);
        assertThat(api().post(other.path() + "/dispense", tenTablets, key).status()).isEqualTo(200);

        assertThat(events.count(other.id(), "PrescriptionDispensed")).isEqualTo(1);
    }

    @Test
    void tenConcurrentRetriesWithOneKeyDispenseOnce() throws Exception {
        IssuedPrescription rx = acceptedBy("PH-A");
        Map<String, Object> twoTablets = tablets("PH-A", 2);

        List<Response> responses = Concurrently.run(10, () -> api().post(rx.path() + "/dispense", twoTablets, key));

        assertThat(responses).extracting(Response::status).containsOnly(200);
        assertThat(responses).extracting(Response::body).containsOnly(responses.get(0).body());
        assertThat(events.count(rx.id(), "PrescriptionDispensed")).isEqualTo(1);
    }

    @Test
    void withoutAKeyARepeatedDispenseIsASecondDispensing() {
        IssuedPrescription rx = acceptedBy("PH-A");
        Map<String, Object> tenTablets = tablets("PH-A", 10);

        api().post(rx.path() + "/dispense", tenTablets);
        api().post(rx.path() + "/dispense", tenTablets);

        assertThat(events.count(rx.id(), "PrescriptionDispensed"))
                .as("what the key protects against").isEqualTo(2);
    }

    /** The pharmacy dispensing {@code count} tablets of line 1's amlodipine for as many days. */
    private static Map<String, Object> tablets(String pharmacy, int count) {
        return dispense(pharmacy, false, item(1, AMLODIPINE_BRAND, count, count));
    }
}
