package org.eprescription.api.security;

import org.eprescription.api.support.ExchangeNode;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.IsolatedDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * Tokens the exchange signs itself, for trying it locally: off unless enabled, refused with an external database
 * unless that is allowed too, and then as good as an identity provider's for every rule.
 */
class LocalTokensIT {

    @Test
    void enabledLocalTokensActForTheRoleAndBindingTheyName() {
        try (ConfigurableApplicationContext application = start("px_localtokens",
                "--exchange.security.local-tokens.enabled=true",
                "--exchange.security.local-tokens.allow-with-external-database=true")) {
            HttpApi api = api(application).anonymous();
            String institution = unique("HOSP");
            Map<String, Object> body = issue(institution);
            body.put("prescriber", Map.of("id", "DOC-17", "institutionId", institution));

            Response token = api.post("/local-tokens", Map.of("role", "PRESCRIBER", "subject", "DOC-17",
                    "institutionId", institution));
            assertThat(token.status()).as(token.toString()).isEqualTo(200);
            Map<String, String> bearer = Map.of("Authorization", "Bearer " + token.text("accessToken"));

            assertThat(api.post("/prescriptions", body).status()).isEqualTo(401);
            assertThat(api.post("/prescriptions", body, bearer).status()).isEqualTo(201);
            assertThat(api.get("/admin/projections", bearer).status()).isEqualTo(403);
            assertThat(api.post("/local-tokens", Map.of("role", "PHARMACIST", "subject", "RPH-1")).status())
                    .as("a pharmacist token must name its pharmacy").isEqualTo(400);
        }
    }

    @Test
    void withAnExternalDatabaseLocalTokensAlsoNeedTheirOwnSwitch() {
        assertThatThrownBy(() -> start("px_localtokens_refused", "--exchange.security.local-tokens.enabled=true")
                .close())
                .hasStackTraceContaining("local-tokens.allow-with-external-database");
    }

    @Test
    void withoutTheSwitchThereAreNoLocalTokens() {
        try (ConfigurableApplicationContext application = start("px_localtokens_off")) {
            Response token = api(application).anonymous().post("/local-tokens",
                    Map.of("role", "AUDITOR", "subject", "AUD-1"));
            assertThat(token.status()).isNotEqualTo(200);
            assertThat(token.body() == null ? "" : token.body().toString()).doesNotContain("accessToken");
        }
    }

    private static ConfigurableApplicationContext start(String database, String... extra) {
        List<String> arguments = new ArrayList<>();
        if (extra.length > 0 && String.join(" ", extra).contains("local-tokens.enabled=true")) {
            // the tests' identity provider key (config/application.yml) would be a second source of trust
            arguments.add("--spring.security.oauth2.resourceserver.jwt.public-key-location=");
        }
        arguments.addAll(List.of(extra));
        return ExchangeNode.start(IsolatedDatabase.createAnother(database), "local-token-test-key-0123456789abcdef",
                arguments);
    }

    private static HttpApi api(ConfigurableApplicationContext application) {
        return ExchangeNode.api(application);
    }
}
