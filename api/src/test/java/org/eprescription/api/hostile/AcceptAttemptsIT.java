package org.eprescription.api.hostile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.api.support.Concurrently;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.Identity;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.IssuedPrescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.accept;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * exchange.accept-attempts: 5 failed accepts within a minute lock a pharmacy out for 5 minutes, however many it sends
 * at once; 5 wrong birth dates with a prescription's right code within an hour lock that prescription's accepts for
 * 15 minutes.
 */
@ExtendWith(OutputCaptureExtension.class)
class AcceptAttemptsIT extends ExchangeIntegrationTest {

    private static final String ACCEPT = "/api/v1/prescriptions/accept";

    @Autowired
    private JdbcClient jdbc;

    @Test
    void fiveFailuresLockThePharmacyOutEvenForTheRightCodeWhileOthersStillAccept(CapturedOutput output)
            throws Exception {
        IssuedPrescription rx = issued(issue(unique("HOSP")));
        String guesser = unique("PH");

        failFiveTimes(guesser, rx);
        RawHttp.Answer locked = new RawHttp(port).send("POST", ACCEPT, "application/json",
                json(accept(rx.exchangeCode(), BIRTH_DATE, guesser)));
        Response elsewhere = api().post("/prescriptions/accept", accept(rx.exchangeCode(), BIRTH_DATE, unique("PH")));

        assertThat(locked.status()).as(locked.toString()).isEqualTo(429);
        assertThat(locked.contentType()).startsWith("application/problem+json");
        assertThat(objectMapper.readTree(locked.body()).path("type").asText()).isEqualTo("/problems/too-many-attempts");
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, Duration.ofMinutes(5).toSeconds());
        assertThat(elsewhere.status()).as(elsewhere.toString()).isEqualTo(200);
        assertThat(output.getAll()).as("the operator learns of the lock-out")
                .containsOnlyOnce("pharmacy " + guesser + " is locked out of accepting until");
    }

    @Test
    void afterTheLockOutThePharmacyAcceptsAgainAndARetryOfTheRefusedRequestRuns() {
        IssuedPrescription rx = issued(issue(unique("HOSP")));
        String pharmacy = unique("PH");
        Map<String, String> key = Map.of("Idempotency-Key", unique("key"));
        failFiveTimes(pharmacy, rx);

        Response locked = api().post("/prescriptions/accept", accept(rx.exchangeCode(), BIRTH_DATE, pharmacy), key);
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        Response retried = api().post("/prescriptions/accept", accept(rx.exchangeCode(), BIRTH_DATE, pharmacy), key);

        assertThat(locked.status()).isEqualTo(429);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.text("pharmacyId")).isEqualTo(pharmacy);
    }

    @Test
    void failuresOlderThanTheMemoryAreForgottenByALaterAccept() {
        String pharmacy = unique("PH");
        for (int i = 0; i < 3; i++) {
            assertThat(api().post("/prescriptions/accept", accept(randomCode(), BIRTH_DATE, pharmacy)).status())
                    .isEqualTo(404);
        }
        assertThat(failuresOf(pharmacy)).isEqualTo(3);

        clock.advance(Duration.ofDays(2));
        IssuedPrescription rx = issued(issue(unique("HOSP")));
        Response accepted = api().post("/prescriptions/accept", accept(rx.exchangeCode(), BIRTH_DATE, unique("PH")));

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(failuresOf(pharmacy)).as("attempts past exchange.accept-attempts' memory").isZero();
    }

    private int failuresOf(String pharmacy) {
        return jdbc.sql("SELECT count(*) FROM failed_accept_attempt WHERE pharmacy_id = :pharmacy")
                .param("pharmacy", pharmacy).query(Integer.class).single();
    }

    @Test
    void fourFailuresAndRefusalsOfOtherKindsDoNotLockOut() {
        IssuedPrescription rx = issued(issue(unique("HOSP")));
        String pharmacy = unique("PH");
        api().post("/prescriptions/accept", accept(rx.exchangeCode(), BIRTH_DATE, unique("PH")));
        for (int i = 0; i < 4; i++) {
            assertThat(api().post("/prescriptions/accept", accept(randomCode(), BIRTH_DATE, pharmacy)).status())
                    .isEqualTo(404);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(api().post("/prescriptions/accept", accept(rx.exchangeCode(), BIRTH_DATE, pharmacy)).status())
                    .as("held by another pharmacy").isEqualTo(409);
        }

        IssuedPrescription another = issued(issue(unique("HOSP")));
        assertThat(api().post("/prescriptions/accept", accept(another.exchangeCode(), BIRTH_DATE, pharmacy)).status())
                .isEqualTo(200);
    }

    @Test
    void theCodesTriedAreNeitherAnsweredNorStoredNorLogged(CapturedOutput output) {
        IssuedPrescription rx = issued(issue(unique("HOSP")));
        String pharmacy = unique("PH");
        List<String> tried = List.of(randomCode(), randomCode(), randomCode(), randomCode());

        List<Response> answers = new ArrayList<>();
        tried.forEach(code -> answers.add(api().post("/prescriptions/accept", accept(code, BIRTH_DATE, pharmacy))));
        answers.add(api().post("/prescriptions/accept", accept(rx.exchangeCode(), BIRTH_DATE.plusDays(1), pharmacy)));
        answers.add(api().post("/prescriptions/accept", accept(rx.exchangeCode(), BIRTH_DATE, pharmacy)));

        List<String> stored = jdbc.sql("SELECT * FROM failed_accept_attempt WHERE pharmacy_id = :pharmacy")
                .param("pharmacy", pharmacy)
                .query((rs, row) -> rs.getString("id") + " " + rs.getString("pharmacy_id") + " "
                        + rs.getString("attempted_at") + " " + rs.getString("prescription_id")).list();
        List<String> columns = jdbc.sql("""
                        SELECT column_name FROM information_schema.columns
                        WHERE table_name = 'failed_accept_attempt' ORDER BY column_name""")
                .query(String.class).list();
        assertThat(answers).extracting(Response::status).containsExactly(404, 404, 404, 404, 404, 429);
        assertThat(stored).hasSize(5);
        assertThat(columns).containsExactly("attempted_at", "id", "pharmacy_id", "prescription_id");
        for (String code : concat(tried, rx.exchangeCode())) {
            assertThat(answers).allSatisfy(answer -> assertThat(String.valueOf(answer.body())).doesNotContain(code));
            assertThat(stored).allSatisfy(row -> assertThat(row).doesNotContain(code));
            assertThat(output.getAll()).doesNotContain(code);
        }
    }

    @Test
    void fiftyWrongCodesSentAtOnceLetAtMostFiveThroughBeforeThe429() throws Exception {
        String guesser = unique("PH");

        List<Response> answers = Concurrently.run(50,
                () -> api().post("/prescriptions/accept", accept(randomCode(), BIRTH_DATE, guesser)));

        List<Integer> statuses = answers.stream().map(Response::status).toList();
        assertThat(statuses).as(statuses.toString()).containsOnly(404, 429);
        assertThat(statuses.stream().filter(status -> status == 404).count()).isBetween(1L, 5L);
        assertThat(jdbc.sql("SELECT count(*) FROM failed_accept_attempt WHERE pharmacy_id = :pharmacy")
                .param("pharmacy", guesser).query(Long.class).single()).isBetween(1L, 5L);
        assertThat(api().post("/prescriptions/accept", accept(randomCode(), BIRTH_DATE, guesser)).status())
                .isEqualTo(429);
    }

    @Test
    void aPharmacyAcceptingTwentyRealPrescriptionsAtOnceIsNotLockedOut() throws Exception {
        String busy = unique("PH");
        List<Callable<Response>> accepts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            IssuedPrescription rx = issued(issue(unique("HOSP")));
            accepts.add(() -> api().post("/prescriptions/accept", accept(rx.exchangeCode(), BIRTH_DATE, busy)));
        }

        List<Integer> statuses = Concurrently.run(accepts).stream().map(Response::status).toList();

        assertThat(statuses).as("a match is no guess, however many are in flight").containsOnly(200);
        assertThat(failuresOf(busy)).isZero();
        // accepts in flight together commit out of the order they were numbered in; the live view must still
        // record what a replay records
        projectionsVerifyWithoutDifferences();
    }

    @Test
    void aRightCodeWithWrongBirthDatesLocksThatPrescriptionForAWhileAndThePatientSeesTheAttempts() {
        Map<String, Object> body = issue(unique("HOSP"));
        IssuedPrescription rx = issued(body);
        @SuppressWarnings("unchecked")
        String patient = ((Map<String, Object>) body.get("patient")).get("id").toString();
        List<String> guessers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            // one pharmacy per guess: the prescription's lock holds however the guesses are spread
            String guesser = unique("PH");
            guessers.add(guesser);
            Response wrong = api().as(Identity.pharmacist(guesser)).post("/prescriptions/accept",
                    accept(rx.exchangeCode(), BIRTH_DATE.minusDays(i + 1), guesser));
            assertThat(wrong.status()).as(wrong.toString()).isEqualTo(404);
        }

        String honest = unique("PH");
        Response locked = api().as(Identity.pharmacist(honest)).post("/prescriptions/accept",
                accept(rx.exchangeCode(), BIRTH_DATE, honest));
        Response otherPrescription = api().post("/prescriptions/accept",
                accept(issued(issue(unique("HOSP"))).exchangeCode(), BIRTH_DATE, honest));
        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        Response later = api().as(Identity.pharmacist(honest)).post("/prescriptions/accept",
                accept(rx.exchangeCode(), BIRTH_DATE, honest));

        assertThat(locked.status()).as(locked.toString()).isEqualTo(429);
        assertThat(locked.text("type")).isEqualTo("/problems/too-many-attempts");
        assertThat(otherPrescription.status()).as("only that prescription is locked").isEqualTo(200);
        assertThat(later.status()).as(later.toString()).isEqualTo(200);
        JsonNode log = api().as(Identity.patient(patient)).get("/patients/" + patient + "/access-log").body();
        List<String> entries = new ArrayList<>();
        log.path("entries").forEach(entry -> entries.add(entry.path("role").asText() + " "
                + entry.path("organisationId").asText() + " " + entry.path("what").asText()));
        for (String guesser : guessers) {
            assertThat(entries).contains("PHARMACIST " + guesser + " failed accept (wrong birth date) of prescription "
                    + rx.id());
        }
        assertThat(String.valueOf(log)).doesNotContain(rx.exchangeCode()).doesNotContain(BIRTH_DATE.minusDays(1)
                .toString());
    }

    @Test
    void wrongBirthDatesSentAtOnceByManyPharmaciesLetAtMostFiveThrough() throws Exception {
        IssuedPrescription rx = issued(issue(unique("HOSP")));
        List<Callable<Response>> guesses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String guesser = unique("PH");
            LocalDate wrong = BIRTH_DATE.minusDays(i + 1);
            guesses.add(() -> api().as(Identity.pharmacist(guesser)).post("/prescriptions/accept",
                    accept(rx.exchangeCode(), wrong, guesser)));
        }

        List<Integer> statuses = Concurrently.run(guesses).stream().map(Response::status).toList();

        assertThat(statuses).as(statuses.toString()).containsOnly(404, 429);
        assertThat(statuses.stream().filter(status -> status == 404).count()).isBetween(1L, 5L);
        String honest = unique("PH");
        assertThat(api().as(Identity.pharmacist(honest)).post("/prescriptions/accept",
                accept(rx.exchangeCode(), BIRTH_DATE, honest)).status()).isEqualTo(429);
    }

    @Test
    void anUnknownCodeAndAKnownCodeWithAWrongBirthDateAreRefusedAlike() {
        IssuedPrescription rx = issued(issue(unique("HOSP")));
        String pharmacy = unique("PH");

        Response unknown = api().post("/prescriptions/accept", accept(randomCode(), BIRTH_DATE, pharmacy));
        Response wrongBirthDate = api().post("/prescriptions/accept",
                accept(rx.exchangeCode(), BIRTH_DATE.plusDays(1), pharmacy));

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(wrongBirthDate.status()).isEqualTo(404);
        assertThat(wrongBirthDate.body()).isEqualTo(unknown.body());
    }

    private void failFiveTimes(String pharmacy, IssuedPrescription rx) {
        for (int i = 0; i < 4; i++) {
            Response unknown = api().post("/prescriptions/accept", accept(randomCode(), BIRTH_DATE, pharmacy));
            assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        }
        Response wrongBirthDate = api().post("/prescriptions/accept",
                accept(rx.exchangeCode(), BIRTH_DATE.minusDays(1), pharmacy));
        assertThat(wrongBirthDate.status()).as(wrongBirthDate.toString()).isEqualTo(404);
    }

    private String json(Object body) throws JsonProcessingException {
        return objectMapper.writeValueAsString(body);
    }

    private static String randomCode() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("%04d-%04d-%04d-%04d", random.nextInt(10_000), random.nextInt(10_000),
                random.nextInt(10_000), random.nextInt(10_000));
    }

    private static List<String> concat(List<String> codes, String code) {
        return Stream.concat(codes.stream(), Stream.of(code)).toList();
    }
}
