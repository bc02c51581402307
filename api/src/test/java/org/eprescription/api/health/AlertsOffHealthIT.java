package org.eprescription.api.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.EventProcessingConfiguration;
import org.eprescription.api.config.ProjectionProcessorLayout;
import org.eprescription.api.support.ExchangeNode;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.HttpApi.TextResponse;
import org.eprescription.api.support.IsolatedDatabase;
import org.eprescription.query.alerts.AlertProjection;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With alerts switched off, a documented configuration, only the checks are off: the alert projection runs in the
 * shared processor as with alerts on (docs/alerts.md, "After alerts were switched off"), and health is UP.
 */
class AlertsOffHealthIT {

    @Test
    void theAlertProjectionRunsInTheSharedProcessorAndHealthIsUp() throws Exception {
        try (ConfigurableApplicationContext application = ExchangeNode.start(
                IsolatedDatabase.createAnother("px_alerts_off"), "alerts-off-test-key-0123456789abcdef",
                "--exchange.alerts.enabled=false")) {
            HttpApi api = ExchangeNode.api(application);
            ObjectMapper json = application.getBean(ObjectMapper.class);
            EventProcessingConfiguration processing = application.getBean(EventProcessingConfiguration.class);
            assertThat(processing.eventProcessorByProcessingGroup(AlertProjection.PROCESSING_GROUP)
                    .map(processor -> processor.getName())).contains(ProjectionProcessorLayout.PROCESSOR);

            String projections = "/components/eventProcessors/components/" + ProjectionProcessorLayout.PROCESSOR;
            await().atMost(Duration.ofSeconds(10)).until(() -> json.readTree(api.getOutsideApi("/actuator/health")
                    .text()).at(projections + "/details/running").asText().equals("true"));

            TextResponse response = api.getOutsideApi("/actuator/health");
            JsonNode health = json.readTree(response.text());

            assertThat(response.status()).as(response.text()).isEqualTo(200);
            assertThat(health.path("status").asText()).isEqualTo("UP");
            assertThat(health.at(projections + "/status").asText()).isEqualTo("UP");
            assertThat(health.at("/components/eventProcessors/components/" + AlertProjection.PROCESSING_GROUP)
                    .isMissingNode()).as("no processor of its own, kept off: " + response.text()).isTrue();
        }
    }
}
