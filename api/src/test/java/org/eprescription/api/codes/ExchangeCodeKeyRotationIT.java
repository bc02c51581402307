package org.eprescription.api.codes;

import org.eprescription.api.support.ExchangeNode;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.IsolatedDatabase;
import org.eprescription.core.code.ExchangeCodes;
import org.eprescription.core.ids.PrescriptionId;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.accept;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * A new code key is introduced while codes issued under the old one keep working: issued under k1, the exchange is
 * restarted with k2 current and k1 kept; the old code is still accepted and new codes are derived with k2.
 */
class ExchangeCodeKeyRotationIT {

    private static final String K1 = "rotation-test-key-one-0123456789abcdef";
    private static final String K2 = "rotation-test-key-two-0123456789abcdef";

    @Test
    void codesOfTheOldKeyAreAcceptedAfterANewKeyBecameCurrent() {
        String url = IsolatedDatabase.createAnother("px_rotation");
        PrescriptionId old = PrescriptionId.random();
        PrescriptionId older = PrescriptionId.random();
        Map<String, Object> olderBody = body(older);
        String oldCode;
        String olderCode;
        try (ConfigurableApplicationContext k1Only = start(url, List.of())) {
            HttpApi api = api(k1Only);
            oldCode = issued(api, body(old));
            olderCode = issued(api, olderBody);
            assertThat(oldCode).isEqualTo(k1().codeFor(old));
        }

        try (ConfigurableApplicationContext rotated = start(url, List.of(
                "--exchange.exchange-code-keys.k2=" + K2, "--exchange.exchange-code-current-key=k2"))) {
            HttpApi api = api(rotated);
            JdbcClient jdbc = rotated.getBean(JdbcClient.class);

            Response accepted = api.post("/prescriptions/accept", accept(oldCode, BIRTH_DATE, unique("PH")));
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
            assertThat(accepted.text("prescriptionId")).isEqualTo(old.asString());

            PrescriptionId fresh = PrescriptionId.random();
            String freshCode = issued(api, body(fresh));
            ExchangeCodes k2 = new ExchangeCodes("k2", Map.of("k2", K2.getBytes(StandardCharsets.UTF_8)));
            assertThat(freshCode).isEqualTo(k2.codeFor(fresh)).isNotEqualTo(k1().codeFor(fresh));
            assertThat(jdbc.sql("""
                            select convert_from(payload, 'UTF8') from domainevententry
                             where aggregateidentifier = :id and sequencenumber = 0""")
                    .param("id", fresh.asString()).query(String.class).single())
                    .contains("\"exchangeCodeKeyId\":\"k2\"");
            assertThat(api.post("/prescriptions/accept", accept(freshCode, BIRTH_DATE, unique("PH"))).status())
                    .isEqualTo(200);

            assertThat(api.post("/prescriptions", olderBody).text("exchangeCode"))
                    .as("a retried issue of the old key's time answers the code it handed out").isEqualTo(olderCode);
        }
    }

    private static Map<String, Object> body(PrescriptionId id) {
        Map<String, Object> body = issue("HOSP-ROT");
        body.put("prescriptionId", id.asString());
        return body;
    }

    private static String issued(HttpApi api, Map<String, Object> body) {
        Response issued = api.post("/prescriptions", body);
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        return issued.text("exchangeCode");
    }

    private static ExchangeCodes k1() {
        return new ExchangeCodes(K1.getBytes(StandardCharsets.UTF_8));
    }

    private static ConfigurableApplicationContext start(String url, List<String> keys) {
        return ExchangeNode.start(url, K1, keys);
    }

    private static HttpApi api(ConfigurableApplicationContext context) {
        return ExchangeNode.api(context);
    }
}
