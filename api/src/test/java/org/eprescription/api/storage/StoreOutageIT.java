package org.eprescription.api.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.eprescription.api.support.FreePort;
import org.eprescription.api.support.ExchangeNode;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.PrescriptionLoad;
import org.eprescription.api.support.PrescriptionLoad.Answer;
import org.eprescription.api.support.StoreConsistency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * The store goes away under load until requests sent meanwhile have been refused: they fail fast with 503 problems,
 * nothing is half-written, and the same application serves again once the store is back. The store is a PostgreSQL of this test's own,
 * never the machine's.
 */
class StoreOutageIT {

    /** The store stays away until this many requests sent meanwhile have been answered, for at most {@link #OUTAGE}. */
    private static final int REFUSED_DURING_OUTAGE = 3;
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    /** Hikari's connection timeout (application.yml) plus the time to answer: a request never hangs longer. */
    private static final long FAIL_FAST_MS = 8_000;

    @TempDir
    Path dataDirectory;

    @Test
    void requestsAnswer503DuringAStoreOutageAndServiceResumesWithoutARestart() throws Exception {
        int port = FreePort.any();
        EmbeddedPostgres postgres = startPostgres(port);
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (ConfigurableApplicationContext app = start(url)) {
            HttpApi api = api(app);
            PrescriptionLoad load = PrescriptionLoad.start(api, 3);
            await().atMost(Duration.ofSeconds(20)).until(() -> load.answers().stream()
                    .anyMatch(answer -> answer.step() == PrescriptionLoad.Step.DISPENSE && answer.acknowledged()));

            postgres.close();
            long down = System.nanoTime();
            await().atMost(OUTAGE).until(() -> load.answers().stream()
                    .filter(answer -> answer.startedNanos() > down).count() >= REFUSED_DURING_OUTAGE);
            long restarting = System.nanoTime();
            postgres = startPostgres(port);
            long up = System.nanoTime();

            await().atMost(Duration.ofSeconds(30)).until(() -> load.answers().stream()
                    .anyMatch(answer -> answer.startedNanos() > up && answer.step() == PrescriptionLoad.Step.DISPENSE
                            && answer.acknowledged()));
            load.close();
            assertThat(api.post("/prescriptions", issue(unique("HOSP"))).status())
                    .as("service resumed without a restart").isEqualTo(201);

            List<Answer> duringOutage = load.answers().stream()
                    .filter(answer -> answer.startedNanos() > down && answer.endedNanos() < restarting).toList();
            assertThat(duringOutage).as("requests sent while the store was down")
                    .hasSizeGreaterThanOrEqualTo(REFUSED_DURING_OUTAGE);
            assertThat(duringOutage).allSatisfy(answer -> {
                assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
                assertThat(answer.contentType()).startsWith("application/problem+json");
                assertThat(answer.millis()).as("answered fast: %s", answer).isLessThan(FAIL_FAST_MS);
            });
            // 202: recorded as the store went away, its answer could not be read (docs/http-api.md, "Retries")
            assertThat(load.answers()).as("no failure other than 503 at any time")
                    .allSatisfy(answer -> assertThat(answer.status()).as(answer.toString()).isIn(200, 201, 202, 503));

            StoreConsistency store = new StoreConsistency(url, "postgres", "");
            store.assertAcknowledgedAreStored(load.answers());
            for (Answer refused : duringOutage) {
                assertThat(store.events(refused.prescriptionId())).as("%s answered 503", refused)
                        .doesNotContain(refused.step().event);
            }
            store.assertSequencesAreWhole();
            store.awaitViewsConverge(Duration.ofSeconds(30));
        } finally {
            postgres.close();
        }
    }

    private EmbeddedPostgres startPostgres(int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory.toFile())
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
    }

    private static ConfigurableApplicationContext start(String url) {
        return ExchangeNode.start(url, "outage-test-key-0123456789abcdef0123");
    }

    private static HttpApi api(ConfigurableApplicationContext context) {
        return ExchangeNode.api(context);
    }
}
