package org.eprescription.api.health;

import org.eprescription.api.config.ProjectionProcessorLayout;
import com.fasterxml.jackson.databind.JsonNode;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi.TextResponse;
import org.eprescription.api.support.IssuedPrescription;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.accept;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.unique;

/** What an operator and an orchestrator read: /actuator/health (with its probes) and /actuator/prometheus. */
class ObservabilityIT extends ExchangeIntegrationTest {

    /** Both projections run in one processor (ProjectionProcessorLayout). */
    private static final List<String> PROCESSORS = List.of(ProjectionProcessorLayout.PROCESSOR);

    @Test
    void healthIsUpWithTheDatabaseAndEveryEventProcessorWithItsLag() throws Exception {
        issued(issue(unique("HOSP")));

        TextResponse response = api().getOutsideApi("/actuator/health");
        JsonNode health = objectMapper.readTree(response.text());

        assertThat(response.status()).isEqualTo(200);
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");
        JsonNode processors = health.at("/components/eventProcessors/components");
        for (String name : PROCESSORS) {
            JsonNode processor = processors.path(name);
            assertThat(processor.path("status").asText()).as(name).isEqualTo("UP");
            assertThat(processor.at("/details/running").asBoolean()).as(name).isTrue();
            assertThat(processor.at("/details/lag").isNumber()).as(name + " lag").isTrue();
            assertThat(processor.at("/details/position").asLong()).as(name).isPositive();
        }
    }

    @Test
    void readinessAndLivenessAreReportedForAnOrchestrator() throws Exception {
        JsonNode readiness = objectMapper.readTree(api().getOutsideApi("/actuator/health/readiness").text());
        JsonNode liveness = objectMapper.readTree(api().getOutsideApi("/actuator/health/liveness").text());

        assertThat(readiness.path("status").asText()).isEqualTo("UP");
        assertThat(readiness.at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(readiness.at("/components/readinessState/status").asText()).isEqualTo("UP");
        assertThat(liveness.path("status").asText()).isEqualTo("UP");
    }

    @Test
    void prometheusShowsCommandRatesAndLatenciesAndProcessorLag() {
        IssuedPrescription rx = issued(issue(unique("HOSP")));
        double acceptsBefore = value(prometheus(), "commandBus_successCounter_total", "payloadType=\"AcceptPrescription\"");
        assertThat(api().post("/prescriptions/accept", accept(rx.exchangeCode(), BIRTH_DATE, "PH-A")).status())
                .isEqualTo(200);

        String metrics = prometheus();

        assertThat(value(metrics, "commandBus_successCounter_total", "payloadType=\"AcceptPrescription\""))
                .isEqualTo(acceptsBefore + 1);
        assertThat(value(metrics, "commandBus_successTimer_seconds_count", "payloadType=\"AcceptPrescription\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(metrics).as("no query bus metrics (config/CommandAndEventMetrics)")
                .doesNotContain("queryBus_").doesNotContain("queryUpdateEmitter_")
                .as("none for the processors inside a command's transaction")
                .doesNotContain("processorName=\"course-record\"")
                .doesNotContain("processorName=\"live-exchange-code\"");
        for (String name : PROCESSORS) {
            String processor = "processorName=\"" + name + "\"";
            assertThat(value(metrics, "eventProcessor_latency", processor)).as(name).isGreaterThanOrEqualTo(0);
            assertThat(value(metrics, "eventProcessor_capacity", processor)).as(name).isGreaterThanOrEqualTo(0);
            assertThat(value(metrics, "exchange_processor_lag_events", "processor=\"" + name + "\""))
                    .as(name).isGreaterThanOrEqualTo(0);
        }
    }

    private String prometheus() {
        TextResponse response = api().getOutsideApi("/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/plain");
        return response.text();
    }

    /** The value of the first sample of {@code metric} whose labels include {@code label}; 0 when there is none. */
    private static double value(String metrics, String metric, String label) {
        Matcher sample = Pattern.compile("^" + Pattern.quote(metric) + "\\{([^}]*)} (\\S+)$", Pattern.MULTILINE)
                .matcher(metrics);
        while (sample.find()) {
            if (sample.group(1).contains(label)) {
                return Double.parseDouble(sample.group(2));
            }
        }
        return 0;
    }
}
