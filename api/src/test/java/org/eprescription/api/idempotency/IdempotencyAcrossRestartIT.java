package org.eprescription.api.idempotency;

import org.eprescription.api.support.ExchangeNode;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.IsolatedDatabase;
import org.eprescription.api.support.StoredEvents;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.support.Prescriptions.AMLODIPINE_BRAND;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.accept;
import static org.eprescription.api.support.Prescriptions.dispense;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.item;
import static org.eprescription.api.support.Prescriptions.unique;

/** The first answer is kept in the database, so a retry after a restart (or on another node) still gets it. */
class IdempotencyAcrossRestartIT {

    @Test
    void aRetryAfterARestartGetsTheFirstAnswerAndDispensesNothing() {
        String url = IsolatedDatabase.createAnother("px_idem");
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        Map<String, Object> tenTablets = dispense("PH-A", false, item(1, AMLODIPINE_BRAND, 10, 10));

        String id;
        Response first;
        try (ConfigurableApplicationContext before = start(url)) {
            Response issued = api(before).post("/prescriptions", issue(unique("HOSP")));
            id = issued.text("prescriptionId");
            assertThat(api(before).post("/prescriptions/accept", accept(issued.text("exchangeCode"), BIRTH_DATE,
                    "PH-A")).status()).isEqualTo(200);
            first = api(before).post("/prescriptions/" + id + "/dispense", tenTablets, key);
            assertThat(first.status()).as(first.toString()).isEqualTo(200);
        }
        try (ConfigurableApplicationContext after = start(url)) {
            Response retry = api(after).post("/prescriptions/" + id + "/dispense", tenTablets, key);

            assertThat(retry.status()).isEqualTo(200);
            assertThat(retry.body()).isEqualTo(first.body());
            assertThat(new StoredEvents(after.getBean(DataSource.class)).count(id, "PrescriptionDispensed"))
                    .isEqualTo(1);
        }
    }

    private static ConfigurableApplicationContext start(String url) {
        return ExchangeNode.start(url, "idempotency-restart-key-0123456789abcdef");
    }

    private static HttpApi api(ConfigurableApplicationContext context) {
        return ExchangeNode.api(context);
    }
}
