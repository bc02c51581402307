package org.eprescription.api.audit;

import org.eprescription.api.support.ExchangeNode;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.IsolatedDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Without a pseudonym key there is no secondary-use export at all, and the problem says what to configure. */
class SecondaryUseExportWithoutKeyIT {

    @Test
    void theExportIsRefusedUntilAPseudonymKeyIsConfigured() {
        try (ConfigurableApplicationContext application = ExchangeNode.start(
                IsolatedDatabase.createAnother("px_nokey"), "no-export-key-test-0123456789abcdef",
                "--exchange.export.pseudonym-key=")) {
            HttpApi api = ExchangeNode.api(application);

            Response export = api.get("/audit/export");

            assertThat(export.status()).isEqualTo(503);
            assertThat(export.contentType()).startsWith("application/problem+json");
            assertThat(export.text("type")).isEqualTo("/problems/export-not-configured");
            assertThat(export.text("detail")).contains("EXCHANGE_EXPORT_PSEUDONYM_KEY");
        }
    }
}
