package org.eprescription.api.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** With alerts switched off, a documented configuration, the alert projection's stopped processor leaves health UP. */
class AlertsOffHealthIT {

    @Test
    void theProcessorSwitchedOffByConfigurationIsReportedOffAndHealthIsUp() throws Exception {
        try (ConfigurableApplicationContext application = ExchangeNode.start(
                IsolatedDatabase.createAnother("px_alerts_off"), "alerts-off-test-key-0123456789abcdef",
                "--exchange.alerts.enabled=false")) {
            HttpApi api = ExchangeNode.api(application);
            ObjectMapper json = application.getBean(ObjectMapper.class);
            String alerts = "/components/eventProcessors/components/" + AlertProjection.PROCESSING_GROUP;
            await().atMost(Duration.ofSeconds(10)).until(() -> json.readTree(api.getOutsideApi("/actuator/health")
                    .text()).at(alerts + "/details/running").asText().equals("false"));

            TextResponse response = api.getOutsideApi("/actuator/health");
            JsonNode health = json.readTree(response.text());

            assertThat(response.status()).as(response.text()).isEqualTo(200);
            assertThat(health.path("status").asText()).isEqualTo("UP");
            assertThat(health.at(alerts + "/status").asText()).isEqualTo("UP");
            assertThat(health.at(alerts + "/details/offByConfiguration").asBoolean()).as(response.text()).isTrue();
        }
    }
}
