package org.eprescription.api.security;

import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.Identity;
import org.eprescription.api.support.IssuedPrescription;
import org.eprescription.api.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.annotation.Autowired;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.accept;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.unique;

/** Who acts is the token's subject, never what a body claims; a token that is not valid counts as none. */
@ExtendWith(OutputCaptureExtension.class)
class TokenIdentityIT extends ExchangeIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aBodyThatNamesAnotherInstitutionThanTheTokenIsRefused() {
        Map<String, Object> body = issue(unique("HOSP"));
        Response response = api().as(Identity.prescriber("DOC-1", unique("HOSP"))).post("/prescriptions", body);

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(jdbc.sql("select count(*) from domainevententry where aggregateidentifier = :id")
                .param("id", body.get("prescriptionId")).query(Long.class).single()).isZero();
    }

    @Test
    void aBodyThatNamesAnotherPharmacyThanTheTokenIsRefused() {
        IssuedPrescription rx = issued(issue(unique("HOSP")));

        Response response = api().as(Identity.pharmacist(unique("PH")))
                .post("/prescriptions/accept", accept(rx.exchangeCode(), BIRTH_DATE, "PH-A"));

        assertThat(response.status()).isEqualTo(403);
        assertThat(api().get(rx.path()).text("status")).isEqualTo("ISSUED");
    }

    @Test
    void theEventsNameTheTokensSubjectAndRoleAsTheActor() {
        String institution = unique("HOSP");
        Map<String, Object> body = issue(institution);
        body.put("prescriber", Map.of("id", "DOC-77", "institutionId", institution));
        IssuedPrescription rx = issued(body);
        api().as(Identity.prescriber("DOC-88", institution)).post(rx.path() + "/cancel", Map.of("reason", "changed"));

        var events = api().get("/audit" + rx.path() + "/events").body();
        assertThat(events.get(0).path("metadata").path("actorId").asText()).isEqualTo("DOC-77");
        assertThat(events.get(1).path("metadata").path("actorId").asText()).as("the issue's check").isEqualTo("DOC-77");
        assertThat(events.get(2).path("metadata").path("actorId").asText()).isEqualTo("DOC-88");
        assertThat(events.get(1).path("metadata").path("actorRole").asText()).isEqualTo("PRESCRIBER");
        assertThat(events.get(1).path("metadata").path("actorOrganisation").asText()).isEqualTo(institution);
    }

    @Test
    void anExpiredAForgedAMalformedOrAnotherApplicationsTokenIsNoToken() throws NoSuchAlgorithmException {
        IssuedPrescription rx = issued(issue(unique("HOSP")));
        String expired = TestTokens.expired(Identity.auditor());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String forged = TestTokens.of(Identity.auditor(), Instant.now().plusSeconds(600),
                generator.generateKeyPair().getPrivate());

        String forAnotherApplication = TestTokens.forAudience(Identity.auditor(), "another-application");

        for (String token : List.of(expired, forged, forAnotherApplication, "not-a-jwt",
                TestTokens.of(Identity.auditor()) + "x")) {
            Response response = api().get(rx.path(), Map.of("Authorization", "Bearer " + token));
            assertThat(response.status()).as(token).isEqualTo(401);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.body().toString()).doesNotContain(token);
        }
    }

    @Test
    void aTokenWithoutAnExchangeRoleMayCallNothing() {
        IssuedPrescription rx = issued(issue(unique("HOSP")));
        Identity nobody = new Identity("someone", List.of("ADMIN"), null, null, null);

        assertThat(api().as(nobody).get(rx.path()).status()).isEqualTo(403);
        assertThat(api().as(nobody).get("/admin/projections").status()).isEqualTo(403);
    }

    @Test
    void neitherTokensNorExchangeCodesAppearInTheLogOrTheAnswers(CapturedOutput output) {
        IssuedPrescription rx = issued(issue(unique("HOSP")));
        Identity pharmacist = Identity.pharmacist(unique("PH"));
        String token = TestTokens.of(pharmacist);
        Response wrongBirthDate = api().post("/prescriptions/accept", Map.of("exchangeCode", rx.exchangeCode(),
                "patientBirthDate", "1999-01-01", "pharmacyId", pharmacist.pharmacyId(),
                "pharmacistId", pharmacist.subject()), Map.of("Authorization", "Bearer " + token));
        Response foreignToken = api().get(rx.path(), Map.of("Authorization", "Bearer " + token));

        assertThat(wrongBirthDate.status()).isEqualTo(404);
        assertThat(foreignToken.status()).isEqualTo(403);
        String digits = rx.exchangeCode().replace("-", "");
        for (Response response : List.of(wrongBirthDate, foreignToken)) {
            assertThat(response.body().toString()).doesNotContain(token).doesNotContain(digits)
                    .doesNotContain(rx.exchangeCode());
        }
        assertThat(output.getAll()).doesNotContain(token).doesNotContain(rx.exchangeCode()).doesNotContain(digits);
        assertThat(jdbc.sql("select convert_from(payload, 'UTF8') || convert_from(metadata, 'UTF8') "
                        + "from domainevententry where aggregateidentifier = :id")
                .param("id", rx.id()).query(String.class).list())
                .allSatisfy(stored -> assertThat(stored).doesNotContain(digits).doesNotContain(rx.exchangeCode()));
    }
}
