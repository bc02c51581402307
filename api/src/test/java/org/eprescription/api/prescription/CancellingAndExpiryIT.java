package org.eprescription.api.prescription;

import org.eprescription.api.expiry.ExpirySweep;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.Identity;
import org.eprescription.api.support.IssuedPrescription;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.item;
import static org.eprescription.api.support.Prescriptions.prescriberHeaders;
import static org.eprescription.api.support.Prescriptions.unique;

class CancellingAndExpiryIT extends ExchangeIntegrationTest {

    private static final Map<String, String> REASON = Map.of("reason", "therapy changed");

    @Autowired
    ExpirySweep expirySweep;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theIssuingInstitutionCancelsAWaitingPrescription() {
        IssuedPrescription rx = issued(issue(unique("HOSP")));

        Response cancelled = cancelling(rx);
        Response acceptAfter = accepting(rx, "PH-A");

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.text("status")).isEqualTo("CANCELLED");
        assertThat(acceptAfter.status()).isEqualTo(409);
    }

    @Test
    void anotherInstitutionMayNotCancel() {
        IssuedPrescription rx = issued(issue(unique("HOSP")));

        Response response = api().post(rx.path() + "/cancel", REASON, prescriberHeaders("HOSP-OTHER"));

        assertThat(response.status()).isEqualTo(403);
        assertThat(api().get(rx.path()).text("status")).isEqualTo("ISSUED");
    }

    @Test
    void cancellingWithoutATokenIsUnauthorized() {
        IssuedPrescription rx = issued(issue(unique("HOSP")));

        Response response = api().anonymous().post(rx.path() + "/cancel", REASON);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void cancellingWhileAPharmacyHoldsItIsARequestThatItsReleaseCompletes() {
        IssuedPrescription rx = acceptedBy("PH-A");

        Response requested = cancelling(rx);
        Response released = releasing(rx, "PH-A", "cancelled");

        assertThat(requested.text("status")).isEqualTo("ACCEPTED");
        assertThat(requested.body().path("cancellationRequested").asBoolean()).isTrue();
        assertThat(released.text("status")).isEqualTo("CANCELLED");
    }

    @Test
    void aDispensingLetsACancellationRequestLapse() {
        IssuedPrescription rx = acceptedBy("PH-A");
        cancelling(rx);

        Response dispensed = dispensing(rx, "PH-A", true, item(1, AMLODIPINE_BRAND, 28, 28));

        assertThat(dispensed.text("status")).isEqualTo("COMPLETED");
        assertThat(dispensed.body().path("cancellationRequested").asBoolean()).isFalse();
    }

    @Test
    void theInstitutionSeesThatItsRequestLapsedBecauseADispensingCompletedTheLastUse() {
        IssuedPrescription rx = acceptedBy("PH-A");
        cancelling(rx);

        dispensing(rx, "PH-A", true, item(1, AMLODIPINE_BRAND, 28, 28));
        Response seenByThePrescriber = api().as(Identity.prescriber("DOC-9", rx.institutionId())).get(rx.path());

        assertThat(seenByThePrescriber.text("status")).isEqualTo("COMPLETED");
        assertThat(seenByThePrescriber.body().path("cancellationRequested").asBoolean()).isFalse();
        assertThat(seenByThePrescriber.body().path("cancellationRequest").path("outcome").asText())
                .isEqualTo("LAPSED");
        assertThat(seenByThePrescriber.body().path("cancellationRequest").path("requestedAt").asText()).isNotBlank();
        assertThat(seenByThePrescriber.body().path("cancellationRequest").path("settledAt").asText()).isNotBlank();
    }

    @Test
    void aDispensingThatCompletesAUseWithRefillsLeftCancelsThePrescriptionAfterIt() {
        // the use in the pharmacy's hands goes out; the refills the prescriber ordered stopped never will
        var body = issue(unique("HOSP"));
        body.put("refills", 2);
        IssuedPrescription rx = acceptedBy("PH-A", body);
        cancelling(rx);

        Response dispensed = dispensing(rx, "PH-A", true, item(1, AMLODIPINE_BRAND, 28, 28));
        Response seenByThePrescriber = api().as(Identity.prescriber("DOC-9", rx.institutionId())).get(rx.path());

        assertThat(dispensed.text("status")).isEqualTo("CANCELLED");
        assertThat(seenByThePrescriber.text("status")).isEqualTo("CANCELLED");
        assertThat(seenByThePrescriber.body().path("refillWindow").isMissingNode()
                || seenByThePrescriber.body().path("refillWindow").isNull()).isTrue();
        assertThat(seenByThePrescriber.body().path("cancellationRequested").asBoolean()).isFalse();
        assertThat(seenByThePrescriber.body().path("cancellationRequest").path("outcome").asText())
                .isEqualTo("CANCELLED");
        assertThat(seenByThePrescriber.body().path("dispensings")).hasSize(1);
    }

    @Test
    void aCancellationRequestSurvivesAPartialDispensingAndTheReleaseThenCancels() {
        IssuedPrescription rx = acceptedBy("PH-A");
        cancelling(rx);

        Response partial = dispensing(rx, "PH-A", false, item(1, AMLODIPINE_BRAND, 14, 14));
        Response released = releasing(rx, "PH-A", "cancelled");
        Response elsewhere = accepting(rx, "PH-B");

        assertThat(partial.text("status")).isEqualTo("ACCEPTED");
        assertThat(partial.body().path("cancellationRequested").asBoolean()).isTrue();
        assertThat(partial.body().path("cancellationRequest").path("outcome").asText()).isEqualTo("PENDING");
        assertThat(released.text("status")).isEqualTo("CANCELLED");
        assertThat(released.body().path("cancellationRequest").path("outcome").asText()).isEqualTo("CANCELLED");
        assertThat(elsewhere.status()).isEqualTo(409);
    }

    @Test
    void aCompletedPrescriptionCannotBeCancelled() {
        IssuedPrescription rx = acceptedBy("PH-A");
        dispensing(rx, "PH-A", true, item(1, AMLODIPINE_BRAND, 28, 28));

        Response response = cancelling(rx);

        assertRefused(response, 409, "NOT_CANCELLABLE");
    }

    @Test
    void aPrescriptionNobodyAcceptedExpiresOnceAfterItsLastValidDay() {
        var body = issue(unique("HOSP"));
        body.put("validUntil", clock.today().plusDays(1).toString());
        IssuedPrescription rx = issued(body);

        clock.advance(Duration.ofDays(1));
        expirySweep.sweep();
        assertThat(eventsOfType(rx.id(), "PrescriptionExpired")).as("on its last valid day").isZero();

        clock.advance(Duration.ofDays(1));
        expirySweep.sweep();
        assertThat(eventsOfType(rx.id(), "PrescriptionExpired")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> api().get(rx.path()).text("status").equals("EXPIRED"));
        expirySweep.sweep();

        assertThat(eventsOfType(rx.id(), "PrescriptionExpired")).as("expires once").isEqualTo(1);
        assertThat(accepting(rx, "PH-A").status()).isEqualTo(409);
    }

    @Test
    void everyEventRecordsWhoCausedIt() {
        IssuedPrescription rx = acceptedBy("PH-A");

        String issuedMetadata = metadataOf(rx.id(), 0);
        String checkMetadata = metadataOf(rx.id(), 1);
        String acceptedMetadata = metadataOf(rx.id(), 2);

        assertThat(issuedMetadata).contains("\"actorRole\":\"PRESCRIBER\"").contains(rx.institutionId())
                .contains("correlationId");
        assertThat(checkMetadata).as("the issue's interaction check is the prescriber's act too")
                .contains("\"actorRole\":\"PRESCRIBER\"").contains(rx.institutionId());
        assertThat(acceptedMetadata).contains("\"actorRole\":\"PHARMACIST\"").contains("PH-A");
        assertThat(storedEvents(rx.id())).doesNotContain(rx.exchangeCode())
                .doesNotContain(rx.exchangeCode().replace("-", ""));
    }

    /** The issuing institution asks to cancel the prescription. */
    private Response cancelling(IssuedPrescription rx) {
        return api().post(rx.path() + "/cancel", REASON, prescriberHeaders(rx.institutionId()));
    }

    private long eventsOfType(String id, String type) {
        return jdbc.sql("select count(*) from domainevententry where aggregateidentifier = ? and payloadtype like ?")
                .params(id, "%." + type).query(Long.class).single();
    }

    private String metadataOf(String id, long sequence) {
        byte[] bytes = jdbc.sql("select metadata from domainevententry where aggregateidentifier = ? and sequencenumber = ?")
                .params(id, sequence).query(byte[].class).single();
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    private String storedEvents(String id) {
        return String.join("\n", jdbc.sql("select convert_from(payload, 'UTF8') from domainevententry "
                + "where aggregateidentifier = ?").param(id).query(String.class).list());
    }
}
