package org.eprescription.api.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.eprescription.PrescriptionExchangeApplication;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.IsolatedDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Without a pseudonym key there is no secondary-use export at all, and the problem says what to configure. */
class SecondaryUseExportWithoutKeyIT {

    @Test
    void theExportIsRefusedUntilAPseudonymKeyIsConfigured() {
        try (ConfigurableApplicationContext application = new SpringApplicationBuilder(
                PrescriptionExchangeApplication.class).run(
                "--spring.datasource.url=" + IsolatedDatabase.createAnother("px_nokey"),
                "--spring.datasource.username=" + IsolatedDatabase.user(),
                "--spring.datasource.password=" + IsolatedDatabase.password(),
                "--exchange.exchange-code-key=no-export-key-test-0123456789abcdef",
                "--exchange.export.pseudonym-key=",
                "--exchange.scheduling.enabled=false",
                "--server.port=0")) {
            int port = ((WebServerApplicationContext) application).getWebServer().getPort();
            HttpApi api = new HttpApi("http://127.0.0.1:" + port, application.getBean(ObjectMapper.class));

            Response export = api.get("/audit/export");

            assertThat(export.status()).isEqualTo(503);
            assertThat(export.contentType()).startsWith("application/problem+json");
            assertThat(export.text("type")).isEqualTo("/problems/export-not-configured");
            assertThat(export.text("detail")).contains("EXCHANGE_EXPORT_PSEUDONYM_KEY");
        }
    }
}
