package org.eprescription.api.codes;

import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.IsolatedDatabase;
import org.eprescription.core.code.ExchangeCodes;
import org.eprescription.core.ids.PrescriptionId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.accept;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.prescriberHeaders;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * Issuing never hands out a code a live prescription holds: a forced collision (the prescription's first code
 * registered as held beforehand, or taken by another transaction while the issue decides) makes the issue derive
 * again, record the attempt, and answer a code that pharmacies can accept.
 */
class ExchangeCodeCollisionIT extends ExchangeIntegrationTest {

    @Autowired
    private ExchangeCodes codes;

    @Autowired
    private JdbcClient jdbc;

    /** Holders registered by hand, without events: let go after each test, so live-exchange-code verifies. */
    private final List<UUID> heldByHand = new ArrayList<>();

    @AfterEach
    void letGoOfTheCodesHeldByHand() {
        heldByHand.forEach(holder -> jdbc.sql("delete from live_exchange_code where prescription_id = :id")
                .param("id", holder).update());
    }

    private UUID heldByHand() {
        UUID holder = UUID.randomUUID();
        heldByHand.add(holder);
        return holder;
    }

    @Test
    void aCodeALivePrescriptionHoldsIsNotHandedOutAgain() {
        PrescriptionId id = PrescriptionId.random();
        String first = codes.codeFor(id, "k1", 0);
        jdbc.sql("insert into live_exchange_code (code_hash, prescription_id) values (:hash, :other)")
                .param("hash", codes.hashOf(first, "k1")).param("other", heldByHand()).update();

        Map<String, Object> body = issue(unique("HOSP"));
        body.put("prescriptionId", id.asString());
        Response issued = api().post("/prescriptions", body);

        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        assertThat(issued.text("exchangeCode")).isNotEqualTo(first).isEqualTo(codes.codeFor(id, "k1", 1));
        assertThat(storedIssue(id)).contains("\"exchangeCodeAttempt\":1").contains("\"exchangeCodeKeyId\":\"k1\"")
                .doesNotContain(issued.text("exchangeCode").replace("-", ""));
        assertThat(api().post("/prescriptions", body).text("exchangeCode")).as("a retried issue answers the same code")
                .isEqualTo(issued.text("exchangeCode"));
        // the first code is live, held by hand for a prescription without events: the exchange cannot read it and
        // says so (503), never "unknown" (docs/domain.md, "The exchange code"); it accepts nothing. The 503 is counted
        // as a failed try, so a pharmacy guessing codes is locked out by it as by a 404, and then gets 429 for it too
        String guesser = unique("PH");
        for (int i = 0; i < 5; i++) {
            assertThat(api().post("/prescriptions/accept", accept(first, BIRTH_DATE, guesser)).status())
                    .isEqualTo(503);
        }
        assertThat(api().post("/prescriptions/accept", accept(first, BIRTH_DATE, guesser)).status())
                .as("the live code tells a locked-out pharmacy nothing more than any other code").isEqualTo(429);
        Response accepted = api().post("/prescriptions/accept",
                accept(issued.text("exchangeCode"), BIRTH_DATE, unique("PH")));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.text("prescriptionId")).isEqualTo(id.asString());
    }

    @Test
    void anIssueThatLosesTheRaceForItsCodeIsDecidedAgainWithAnotherCode() throws Exception {
        PrescriptionId id = PrescriptionId.random();
        String first = codes.codeFor(id, "k1", 0);
        Map<String, Object> body = issue(unique("HOSP"));
        body.put("prescriptionId", id.asString());

        Response issued;
        try (Connection other = DriverManager.getConnection(IsolatedDatabase.url(), IsolatedDatabase.user(),
                IsolatedDatabase.password())) {
            other.setAutoCommit(false);
            try (PreparedStatement hold = other.prepareStatement(
                    "insert into live_exchange_code (code_hash, prescription_id) values (?, ?)")) {
                hold.setString(1, codes.hashOf(first, "k1"));
                hold.setObject(2, heldByHand());
                hold.executeUpdate();
            }
            // the issue looks while the other issue has not committed, picks the same code, and waits at the index
            CompletableFuture<Response> issuing = CompletableFuture.supplyAsync(() -> api().post("/prescriptions", body));
            await().until(() -> jdbc.sql("""
                            select count(*) from pg_stat_activity
                             where datname = current_database() and wait_event_type = 'Lock'
                               and query like 'insert into live_exchange_code%'""")
                    .query(Integer.class).single() > 0);
            other.commit();
            issued = issuing.get();
        }

        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        assertThat(issued.text("exchangeCode")).isEqualTo(codes.codeFor(id, "k1", 1));
        assertThat(storedIssue(id)).contains("\"exchangeCodeAttempt\":1");
        assertThat(api().post("/prescriptions/accept", accept(issued.text("exchangeCode"), BIRTH_DATE, unique("PH")))
                .status()).isEqualTo(200);
    }

    @Test
    void aPrescriptionNoLongerHoldsItsCodeOnceItIsFinal() {
        String institution = unique("HOSP");
        Map<String, Object> body = issue(institution);
        Response issued = api().post("/prescriptions", body);
        UUID id = UUID.fromString(issued.text("prescriptionId"));
        assertThat(heldBy(id)).isEqualTo(1);

        assertThat(api().post("/prescriptions/" + id + "/cancel", Map.of("reason", "wrong patient"),
                prescriberHeaders(institution)).status()).isEqualTo(200);

        assertThat(heldBy(id)).isZero();
    }

    private int heldBy(UUID prescription) {
        return jdbc.sql("select count(*) from live_exchange_code where prescription_id = :id")
                .param("id", prescription).query(Integer.class).single();
    }

    private String storedIssue(PrescriptionId id) {
        return jdbc.sql("""
                        select convert_from(payload, 'UTF8') from domainevententry
                         where aggregateidentifier = :id and sequencenumber = 0""")
                .param("id", id.asString()).query(String.class).single();
    }
}
