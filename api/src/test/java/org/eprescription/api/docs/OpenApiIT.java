package org.eprescription.api.docs;

import org.eprescription.api.support.ExchangeIntegrationTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiIT extends ExchangeIntegrationTest {

    @Test
    void theInterfaceIsDescribedAtV3ApiDocs() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("/api/v1/prescriptions", "/api/v1/prescriptions/accept",
                "/api/v1/prescriptions/{id}/dispense", "/api/v1/prescriptions/{id}/release",
                "/api/v1/prescriptions/{id}/cancel");
        assertThat(response.body()).as("every operation takes a bearer token")
                .contains("\"bearer-jwt\"", "\"scheme\":\"bearer\"", "\"bearerFormat\":\"JWT\"");
    }
}
