package org.eprescription.api.support;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The jar {@code mvn package} built, run as a child process on a port of its own, trusting the tests' tokens:
 * for tests that kill or stop the whole process. Only processes started here are ever stopped ({@link #close}).
 */
public final class PackagedExchange implements AutoCloseable {

    public static final Path JAR = Path.of("target", "prescription-exchange.jar");
    private static final Duration STARTUP = Duration.ofSeconds(120);

    private final List<Process> started = new ArrayList<>();

    /** Starts the jar with these application arguments, its output in {@code log}; waits until it answers. */
    public Process start(int port, Path log, String... arguments) throws IOException {
        assertThat(JAR).as("the jar mvn package built (integration tests run after it)").isRegularFile();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-jar", JAR.toAbsolutePath().toString(),
                "--server.port=" + port, "--exchange.scheduling.enabled=false"));
        command.addAll(TestTokens.trustArguments());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        builder.redirectErrorStream(true);
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        started.add(process);
        awaitReady(api(port), process, log);
        return process;
    }

    public static HttpApi api(int port) {
        return new HttpApi("http://127.0.0.1:" + port, new ObjectMapper());
    }

    private static void awaitReady(HttpApi api, Process process, Path log) {
        String unknown = "/prescriptions/" + UUID.randomUUID();
        await().atMost(STARTUP).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(process.isAlive()).as("the application exited during startup; see %s", log).isTrue();
            try {
                return api.get(unknown).status() == 404;
            } catch (UncheckedIOException | IllegalStateException notYet) {
                return false;
            }
        });
    }

    @Override
    public void close() throws InterruptedException {
        for (Process process : started) {
            process.destroyForcibly().waitFor();
        }
    }
}
