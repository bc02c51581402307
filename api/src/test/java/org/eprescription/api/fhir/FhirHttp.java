package org.eprescription.api.fhir;

import org.eprescription.api.support.Identity;
import org.eprescription.api.support.TestTokens;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A bare HTTP client for {@code /fhir}: the tests send what a FHIR client would and read the raw answer. */
final class FhirHttp {

    static final String FHIR_JSON = "application/fhir+json";
    static final String FHIR_XML = "application/fhir+xml";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    FhirHttp(int port) {
        this.base = "http://127.0.0.1:" + port + "/fhir";
    }

    Answer get(String path, Identity identity, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        return send(request, identity, headers);
    }

    /** HEAD: what a GET would answer, without the body. */
    Answer head(String path, Identity identity) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).method("HEAD", HttpRequest.BodyPublishers.noBody()),
                identity, Map.of());
    }

    Answer post(String path, IBaseResource resource, Identity identity) {
        return post(path, FhirConformance.json(resource), FHIR_JSON, identity, Map.of());
    }

    Answer post(String path, String body, String contentType, Identity identity, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return send(request, identity, headers);
    }

    private static Answer send(HttpRequest.Builder request, Identity identity, Map<String, String> headers) {
        if (identity != null) {
            request.header("Authorization", "Bearer " + TestTokens.of(identity));
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Answer(int status, String contentType, String body) {

        /**
         * A refusal in FHIR: the status {@code expected}, and an OperationOutcome whose first issue has the code
         * {@code code}; that issue, for what else a test asks of it.
         */
        OperationOutcome.OperationOutcomeIssueComponent assertOutcome(int expected, OperationOutcome.IssueType code) {
            assertThat(status).as(toString()).isEqualTo(expected);
            OperationOutcome.OperationOutcomeIssueComponent issue = as(OperationOutcome.class).getIssueFirstRep();
            assertThat(issue.getCode()).as(toString()).isEqualTo(code);
            return issue;
        }

        /** The body, strictly parsed and validated as a {@code type}. */
        <T extends IBaseResource> T as(Class<T> type) {
            return FhirConformance.valid(body, contentType, type);
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }
}
