package org.eprescription.api.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.eprescription.api.support.HttpApi;
import org.eprescription.api.support.TestTokens;
import org.eprescription.api.support.IsolatedDatabase;
import org.eprescription.api.support.PrescriptionLoad;
import org.eprescription.api.support.StoreConsistency;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.unique;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packaged application is killed with SIGKILL under load and started again: every acknowledged command is in
 * the store exactly once and the views converge to the store. Runs the jar that {@code package} built, as a child
 * process on a database of its own; only the processes this test starts are ever killed.
 */
class CrashIT {

    private static final Path JAR = Path.of("target", "prescription-exchange.jar");
    private static final Duration STARTUP = Duration.ofSeconds(90);

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopWhatThisTestStarted() throws InterruptedException {
        for (Process process : started) {
            process.destroyForcibly().waitFor();
        }
    }

    @Test
    void everyAcknowledgedCommandSurvivesAKillAndTheViewsConverge() throws Exception {
        assumeTrue(Files.isRegularFile(JAR), "needs the packaged jar " + JAR.toAbsolutePath()
                + " (built by mvn package; absent when only the tests are compiled)");
        String url = IsolatedDatabase.createAnother("px_crash");
        int port = freePort();
        HttpApi api = new HttpApi("http://127.0.0.1:" + port, new ObjectMapper());

        Process first = launch(url, port, "first");
        awaitReady(api, first);
        PrescriptionLoad load = PrescriptionLoad.start(api, 3);
        // kill in the middle of real work: after enough answers, however slow the machine is today
        await().atMost(java.time.Duration.ofSeconds(90)).until(() -> load.answers().stream()
                .filter(PrescriptionLoad.Answer::acknowledged).count() > 10);
        first.destroyForcibly();
        assertThat(first.waitFor()).as("killed by SIGKILL").isEqualTo(137);
        load.close();

        List<PrescriptionLoad.Answer> answers = load.answers();
        assertThat(answers).as("load ran before the kill").filteredOn(PrescriptionLoad.Answer::acknowledged)
                .hasSizeGreaterThan(10);

        Process second = launch(url, port, "second");
        awaitReady(api, second);
        StoreConsistency store = new StoreConsistency(url, IsolatedDatabase.user(), IsolatedDatabase.password());
        store.assertAcknowledgedAreStored(answers);
        store.assertSequencesAreWhole();
        store.awaitViewsConverge(Duration.ofSeconds(60));
        assertThat(api.post("/prescriptions", issue(unique("HOSP"))).status()).isEqualTo(201);
    }

    private Process launch(String url, int port, String name) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-jar", JAR.toAbsolutePath().toString(),
                "--server.port=" + port,
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + IsolatedDatabase.user(),
                "--spring.datasource.password=" + IsolatedDatabase.password(),
                "--exchange.exchange-code-key=crash-test-key-0123456789abcdef01234",
                "--exchange.scheduling.enabled=false",
                TestTokens.trustArgument());
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        builder.redirectErrorStream(true);
        builder.redirectOutput(Path.of("target", "crash-it-" + name + ".log").toFile());
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private static void awaitReady(HttpApi api, Process process) {
        String unknown = "/prescriptions/" + UUID.randomUUID();
        await().atMost(STARTUP).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(process.isAlive()).as("the application exited during startup; see target/crash-it-*.log")
                    .isTrue();
            try {
                return api.get(unknown).status() == 404;
            } catch (UncheckedIOException | IllegalStateException notYet) {
                return false;
            }
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
