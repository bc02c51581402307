package org.eprescription.api.storage;

import org.eprescription.api.support.FreePort;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.IsolatedDatabase;
import org.eprescription.api.support.PackagedExchange;
import org.eprescription.api.support.PrescriptionLoad;
import org.eprescription.api.support.StoreConsistency;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * The packaged application is killed with SIGKILL under load and started again: every acknowledged command is in
 * the store exactly once and the views converge to the store. Runs the jar that {@code package} built, as a child
 * process on a database of its own; only the processes this test starts are ever killed.
 */
class CrashIT {

    private final PackagedExchange exchange = new PackagedExchange();

    @AfterEach
    void stopWhatThisTestStarted() throws InterruptedException {
        exchange.close();
    }

    @Test
    void everyAcknowledgedCommandSurvivesAKillAndTheViewsConverge() throws Exception {
        String url = IsolatedDatabase.createAnother("px_crash");
        int port = FreePort.any();
        HttpApi api = PackagedExchange.api(port);

        Process first = launch(url, port, "first");
        PrescriptionLoad load = PrescriptionLoad.start(api, 3);
        // kill in the middle of real work: after enough answers, however slow the machine is today
        await().atMost(Duration.ofSeconds(90)).until(() -> load.answers().stream()
                .filter(PrescriptionLoad.Answer::acknowledged).count() > 10);
        first.destroyForcibly();
        assertThat(first.waitFor()).as("killed by SIGKILL").isEqualTo(137);
        load.close();

        List<PrescriptionLoad.Answer> answers = load.answers();
        assertThat(answers).as("load ran before the kill").filteredOn(PrescriptionLoad.Answer::acknowledged)
                .hasSizeGreaterThan(10);

        launch(url, port, "second");
        StoreConsistency store = new StoreConsistency(url, IsolatedDatabase.user(), IsolatedDatabase.password());
        store.assertAcknowledgedAreStored(answers);
        store.assertSequencesAreWhole();
        store.awaitViewsConverge(Duration.ofSeconds(60));
        assertThat(api.post("/prescriptions", issue(unique("HOSP"))).status()).isEqualTo(201);
    }

    private Process launch(String url, int port, String name) throws Exception {
        return exchange.start(port, Path.of("target", "crash-it-" + name + ".log"),
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + IsolatedDatabase.user(),
                "--spring.datasource.password=" + IsolatedDatabase.password(),
                "--exchange.exchange-code-key=crash-test-key-0123456789abcdef01234");
    }
}
