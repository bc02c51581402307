package org.eprescription.bench.common;

import org.junit.jupiter.api.Test;

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
}
