package org.eprescription.api.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.eprescription.api.config.ExchangeProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;

/**
 * Integration tests drive the running application over HTTP, on a real PostgreSQL database of their own.
 * All test classes share one application context (and so one database); each test uses fresh ids.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "exchange.exchange-code-key=integration-test-key-0123456789abcdef",
        "exchange.export.pseudonym-key=" + ExchangeIntegrationTest.PSEUDONYM_KEY,
        "exchange.scheduling.enabled=false",
        // live streams find closed connections at their next heartbeat; the leak test waits for that
        "exchange.streams.heartbeat=PT1S"
})
@Import(ExchangeIntegrationTest.TestClockConfiguration.class)
// Boot's tests switch metric exporters off by default; /actuator/prometheus is part of what is tested
@AutoConfigureObservability
public abstract class ExchangeIntegrationTest {

    protected static final String PSEUDONYM_KEY = "integration-test-pseudonym-key-0123456789";

    @LocalServerPort
    protected int port;

    @Autowired
    protected ObjectMapper objectMapper;

    @Autowired
    protected TestClock clock;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", IsolatedDatabase::url);
        registry.add("spring.datasource.username", IsolatedDatabase::user);
        registry.add("spring.datasource.password", IsolatedDatabase::password);
    }

    /** Issues the body and checks it was created. */
    protected IssuedPrescription issued(java.util.Map<String, Object> body) {
        return Lifecycle.issued(api(), body);
    }

    /** The pharmacy asks to accept the prescription with its exchange code and the patient's birth date. */
    protected HttpApi.Response accepting(IssuedPrescription prescription, String pharmacy) {
        return api().post("/prescriptions/accept",
                Prescriptions.accept(prescription.exchangeCode(), Prescriptions.BIRTH_DATE, pharmacy));
    }

    /** The pharmacy accepts the prescription with its exchange code and the patient's birth date; checks it did. */
    protected void accepted(IssuedPrescription prescription, String pharmacy) {
        Lifecycle.accepted(api(), prescription, pharmacy);
    }

    /** The pharmacy asks to dispense these items of the prescription. */
    @SafeVarargs
    protected final HttpApi.Response dispensing(IssuedPrescription prescription, String pharmacy,
                                                boolean completesUse, java.util.Map<String, Object>... items) {
        return api().post(prescription.path() + "/dispense", Prescriptions.dispense(pharmacy, completesUse, items));
    }

    /** The pharmacy asks to release the prescription it holds. */
    protected HttpApi.Response releasing(IssuedPrescription prescription, String pharmacy, String reason) {
        return api().post(prescription.path() + "/release", java.util.Map.of("pharmacyId", pharmacy, "reason", reason));
    }

    /** The request was refused with this status and this refusal. */
    protected static void assertRefused(HttpApi.Response response, int status, String refusal) {
        org.assertj.core.api.Assertions.assertThat(response.status()).as(response.toString()).isEqualTo(status);
        org.assertj.core.api.Assertions.assertThat(response.text("refusal")).as(response.toString())
                .isEqualTo(refusal);
    }

    /** Issues the body, and the pharmacy accepts it. */
    protected IssuedPrescription acceptedBy(String pharmacy, java.util.Map<String, Object> body) {
        return Lifecycle.acceptedBy(api(), pharmacy, body);
    }

    /** A new prescription of a new institution, accepted by the pharmacy. */
    protected IssuedPrescription acceptedBy(String pharmacy) {
        return acceptedBy(pharmacy, Prescriptions.issue(Prescriptions.unique("HOSP")));
    }

    /** JSON text, such as one line of an NDJSON export, read as a tree. */
    protected com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return objectMapper.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Verifying each projection (rebuilt aside, compared with the live one) finds no difference within five seconds. */
    protected void projectionsVerifyWithoutDifferences() {
        for (String projection : java.util.List.of("prescription-view", "medication-alerts",
                "live-exchange-code", "course-record", "unchecked-course", "consent-record")) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() -> {
                HttpApi.Response verified = api().post("/admin/projections/" + projection + "/verify",
                        java.util.Map.of());
                org.assertj.core.api.Assertions.assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
                org.assertj.core.api.Assertions.assertThat(verified.body().path("differences").asLong())
                        .as(verified.toString()).isZero();
            });
        }
    }

    protected HttpApi api() {
        return new HttpApi("http://127.0.0.1:" + port, objectMapper);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClockConfiguration {

        @Bean
        @Primary
        TestClock testClock(ExchangeProperties properties) {
            return new TestClock(properties.zone());
        }

        @Bean
        ProjectionFault projectionFault(JdbcClient jdbc) {
            return new ProjectionFault(jdbc);
        }

        @Bean
        AlertProjectionFault alertProjectionFault(JdbcClient jdbc) {
            return new AlertProjectionFault(jdbc);
        }

        @Bean
        StoredEvents storedEvents(DataSource dataSource) {
            return new StoredEvents(dataSource);
        }
    }
}
