package org.eprescription.api.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.eprescription.api.support.ExchangeNode;
import org.eprescription.api.support.Identity;
import org.eprescription.api.support.IsolatedDatabase;
import org.eprescription.api.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Map;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * server.shutdown=graceful: stopping a node lets the requests it is serving finish (with the event store, command
 * bus and projections still up behind them) while new connections are refused, so a rolling restart loses no
 * answer. The request kept in flight is an issue whose client sends its body slowly.
 */
class GracefulShutdownIT {

    @Test
    void aRequestInFlightWhenShutdownBeginsCompletesWhileNewOnesAreRefused() throws Exception {
        String url = IsolatedDatabase.createAnother("px_shutdown");
        ConfigurableApplicationContext context = start(url);
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        ObjectMapper json = context.getBean(ObjectMapper.class);
        Map<String, Object> issue = issue(unique("HOSP"));
        byte[] body = json.writeValueAsBytes(issue);
        @SuppressWarnings("unchecked")
        Map<String, Object> prescriber = (Map<String, Object>) issue.get("prescriber");
        String token = TestTokens.of(Identity.prescriber(prescriber.get("id").toString(),
                prescriber.get("institutionId").toString()));

        try (SlowClient inFlight = new SlowClient(port, "/api/v1/prescriptions", body, token)) {
            // the server has the headers and half the body: a worker is serving the request, waiting for the rest
            await().atMost(Duration.ofSeconds(10)).until(() -> busyWorkers(context) > 0);

            CompletableFuture<Void> shutdown = CompletableFuture.runAsync(context::close);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThatThrownBy(() -> newConnection(port)).as("a new request once shutdown has begun")
                            .isInstanceOf(ConnectException.class));
            assertThat(shutdown).as("the shutdown waits for the request in flight").isNotDone();

            SlowClient.Answer answer = inFlight.finish();
            shutdown.get(30, TimeUnit.SECONDS);

            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
            JsonNode issued = json.readTree(answer.body());
            assertThat(issued.path("status").asText()).isEqualTo("ISSUED");
            assertThat(issued.path("exchangeCode").asText()).isNotBlank();
            // PrescriptionIssued and its InteractionCheckCompleted
            assertThat(eventsOf(url, issued.path("prescriptionId").asText())).isEqualTo(2);
        } finally {
            context.close();
        }
    }

    private static int busyWorkers(ConfigurableApplicationContext context) {
        Tomcat tomcat = ((TomcatWebServer) ((WebServerApplicationContext) context).getWebServer()).getTomcat();
        return ((ThreadPoolExecutor) tomcat.getConnector().getProtocolHandler().getExecutor()).getActiveCount();
    }

    private static void newConnection(int port) throws IOException, InterruptedException {
        HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        fresh.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
    }

    private static int eventsOf(String url, String prescriptionId) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, IsolatedDatabase.user(),
                IsolatedDatabase.password());
             var statement = connection.prepareStatement(
                     "SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?")) {
            statement.setString(1, prescriptionId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static ConfigurableApplicationContext start(String url) {
        return ExchangeNode.start(url, "graceful-shutdown-key-0123456789abcdef");
    }
}
