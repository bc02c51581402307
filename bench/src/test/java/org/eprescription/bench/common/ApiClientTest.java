package org.eprescription.bench.common;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiClientTest {

    @Test
    void theBaseUrlEndsInTheApiPath() {
        assertThat(ApiClient.baseUrl("http://127.0.0.1:8080")).isEqualTo("http://127.0.0.1:8080/api/v1");
        assertThat(ApiClient.baseUrl("http://127.0.0.1:8080/api/v1/")).isEqualTo("http://127.0.0.1:8080/api/v1");
        assertThat(ApiClient.baseUrl("http://localhost:9000/api/v1")).isEqualTo("http://localhost:9000/api/v1");
        assertThat(ApiClient.baseUrl("http://[::1]:9000")).isEqualTo("http://[::1]:9000/api/v1");
    }

    @Test
    void theFhirInterfaceIsBesideTheApi() {
        ApiClient api = new ApiClient(ApiClient.baseUrl("http://127.0.0.1:8080"), java.time.Duration.ofSeconds(1));
        assertThat(api.fhir().base()).isEqualTo("http://127.0.0.1:8080/fhir");
        assertThat(api.fhir().http()).isSameAs(api.http());
    }

    @Test
    void onlyLoopbackAddressesAreLoaded() {
        assertThatThrownBy(() -> ApiClient.baseUrl("http://10.0.0.5:8080/api/v1"))
                .isInstanceOf(UsageException.class).hasMessageContaining("refusing non-loopback host 10.0.0.5");
        assertThatThrownBy(() -> ApiClient.baseUrl("http://example.org/api/v1"))
                .hasMessageContaining("refusing non-loopback host example.org");
        assertThatThrownBy(() -> ApiClient.baseUrl("https://127.0.0.1:8443/api/v1"))
                .hasMessageContaining("--url must be http://");
    }

    @Test
    void aCommandCarriesAFreshIdempotencyKeyUnlessToldNotTo() throws Exception {
        List<String> keys = Collections.synchronizedList(new ArrayList<>());
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/prescriptions", exchange -> {
            keys.add(String.valueOf(exchange.getRequestHeaders().getFirst("Idempotency-Key")));
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        server.start();
        try {
            ApiClient api = new ApiClient(ApiClient.baseUrl("http://127.0.0.1:" + server.getAddress().getPort()),
                    Duration.ofSeconds(5));
            api.command("/prescriptions", "{}", null, true);
            api.command("/prescriptions", "{}", null, true);
            api.command("/prescriptions", "{}", null, false);
            api.post("/prescriptions", "{}", null);
        } finally {
            server.stop(0);
        }

        assertThat(keys).hasSize(4);
        assertThat(keys.get(0)).matches("[0-9a-f-]{36}").isNotEqualTo(keys.get(1));
        assertThat(keys.get(1)).matches("[0-9a-f-]{36}");
        assertThat(keys.subList(2, 4)).containsOnly("null");
    }
}
