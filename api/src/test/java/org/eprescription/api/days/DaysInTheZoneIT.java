package org.eprescription.api.days;

import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.ExchangeNode;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.IsolatedDatabase;
import org.eprescription.api.support.IssuedPrescription;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.accept;
import static org.eprescription.api.support.Prescriptions.dispense;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.issueFor;
import static org.eprescription.api.support.Prescriptions.item;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * Days are decided in the configured zone, Asia/Tokyo by default, and recorded in the events that decided them
 * (docs/domain.md, "Days"): a prescription issued at 08:30 in Tokyo is dated that day, not the day before as UTC
 * would have it, and a later change of the zone re-dates nothing. The nodes sharing a database decide in the zone the
 * first of them recorded there: a node configured with another does not start.
 */
class DaysInTheZoneIT extends ExchangeIntegrationTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Test
    void atHalfPastElevenUtcTheDayIsTokyosNextDayForIssueValidityDispensingAndRefill() {
        Instant halfPastElevenUtc = clock.instant().atOffset(ZoneOffset.UTC).toLocalDate()
                .atTime(LocalTime.of(23, 30)).toInstant(ZoneOffset.UTC);
        if (halfPastElevenUtc.isBefore(clock.instant())) {
            halfPastElevenUtc = halfPastElevenUtc.plusSeconds(86_400);
        }
        clock.moveTo(halfPastElevenUtc);
        LocalDate utcDay = LocalDate.ofInstant(halfPastElevenUtc, ZoneOffset.UTC);
        LocalDate tokyoDay = LocalDate.ofInstant(halfPastElevenUtc, TOKYO);
        assertThat(tokyoDay).isEqualTo(utcDay.plusDays(1));

        Map<String, Object> body = issue(unique("HOSP"));
        body.put("refills", 1);
        IssuedPrescription rx = issued(body);
        Response view = api().get(rx.path());
        assertThat(view.text("issuedOn")).isEqualTo(tokyoDay.toString());
        assertThat(view.text("validUntil")).as("three days from Tokyo's day of issue")
                .isEqualTo(tokyoDay.plusDays(3).toString());

        api().post("/prescriptions/accept", accept(rx.exchangeCode(), BIRTH_DATE, "PH-TOKYO"));
        Response dispensed = api().post(rx.path() + "/dispense",
                dispense("PH-TOKYO", true, item(1, AMLODIPINE_BRAND, 28, 28)));
        assertThat(dispensed.status()).as(dispensed.toString()).isEqualTo(200);
        assertThat(dispensed.body().path("dispensings").get(0).path("dispensedOn").asText())
                .isEqualTo(tokyoDay.toString());
        assertThat(dispensed.body().path("refillWindow").path("plannedDate").asText())
                .isEqualTo(tokyoDay.plusDays(28).toString());

        String patient = ((Map<?, ?>) rx.body().get("patient")).get("id").toString();
        JsonNode courses = api().get("/patients/" + patient + "/medications").body();
        assertThat(courses.toString()).as("the course starts on Tokyo's day").contains("\"from\":\"" + tokyoDay + "\"");

        List<String> recordedDays = api().get("/audit/prescriptions/" + rx.id() + "/events").body()
                .findValues("payload").stream()
                .flatMap(payload -> List.of("issuedOn", "dispensedOn").stream()
                        .filter(payload::has).map(field -> payload.get(field).asText()))
                .toList();
        assertThat(recordedDays).as("the events carry the days they decided")
                .containsExactly(tokyoDay.toString(), tokyoDay.toString());
    }

    @Test
    void restartingInAnotherZoneReDatesNothing() {
        // 26 hours apart: whatever the time, the two zones are on different days
        String url = IsolatedDatabase.createAnother("px_zone");
        String key = "zone-change-test-key-0123456789abcdef";
        String patient = unique("PAT");
        Response issuedEast;
        try (ConfigurableApplicationContext east = ExchangeNode.start(url, key,
                List.of("--exchange.zone=Etc/GMT-14"))) {
            issuedEast = ExchangeNode.api(east).post("/prescriptions", issueFor(patient, "HOSP-Z", AMLODIPINE_BRAND,
                    28));
            assertThat(issuedEast.status()).as(issuedEast.toString()).isEqualTo(201);
        }
        String id = issuedEast.text("prescriptionId");
        // the deliberate change, with every node stopped (docs/operations.md, "The zone is the database's")
        database(url).sql("update exchange_zone set zone = 'Etc/GMT+12', recorded_at = now()").update();
        try (ConfigurableApplicationContext west = ExchangeNode.start(url, key,
                List.of("--exchange.zone=Etc/GMT+12"))) {
            HttpApi api = ExchangeNode.api(west);
            Response replay = api.post("/admin/projections/prescription-view/verify", Map.of());
            assertThat(replay.body().path("differences").asLong()).as(replay.toString()).isZero();
            Response view = api.get("/prescriptions/" + id);
            assertThat(view.text("issuedOn")).isEqualTo(issuedEast.text("issuedOn"));
            assertThat(view.text("validUntil")).isEqualTo(issuedEast.text("validUntil"));
            assertThat(LocalDate.parse(view.text("issuedOn")))
                    .as("the west's today is another day")
                    .isNotEqualTo(LocalDate.now(ZoneId.of("Etc/GMT+12")));
        }
    }

    @Test
    void aNodeConfiguredWithAnotherZoneThanTheNodesSharingItsDatabaseDoesNotStart() {
        String url = IsolatedDatabase.createAnother("px_zone_agreed");
        String key = "zone-agreed-test-key-0123456789abcdef";
        try (ConfigurableApplicationContext first = ExchangeNode.start(url, key, List.of())) {
            assertThatThrownBy(() -> ExchangeNode.start(url, key, List.of("--exchange.zone=UTC")).close())
                    .as("a second node on the database, configured with UTC")
                    .rootCause()
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("configured with exchange.zone=UTC")
                    .hasMessageContaining("decide every day in Asia/Tokyo")
                    .hasMessageContaining("EXCHANGE_ZONE=Asia/Tokyo")
                    .hasMessageContaining("update exchange_zone set zone = 'UTC'")
                    .hasMessageContaining("docs/operations.md");
            assertThat(database(url).sql("select zone from exchange_zone").query(String.class).list())
                    .as("the first node recorded the zone it decides in").containsExactly("Asia/Tokyo");

            Response stillServing = ExchangeNode.api(first).post("/prescriptions",
                    issueFor(unique("PAT"), "HOSP-Z", AMLODIPINE_BRAND, 28));
            assertThat(stillServing.status()).as(stillServing.toString()).isEqualTo(201);
        }
        try (ConfigurableApplicationContext again = ExchangeNode.start(url, key,
                List.of("--exchange.zone=Asia/Tokyo"))) {
            assertThat(database(url).sql("select count(*) from exchange_zone").query(Long.class).single())
                    .as("a node of the recorded zone starts, and records nothing more").isEqualTo(1L);
        }
    }

    private static JdbcClient database(String url) {
        return JdbcClient.create(new DriverManagerDataSource(url, IsolatedDatabase.user(),
                IsolatedDatabase.password()));
    }
}
