package org.eprescription.api.support;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

/** A CDS Hooks client (an EHR) as the tests drive it: draft orders built with HAPI's model, the envelope as JSON. */
public final class CdsHooksClient {

    public static final String YJ = "urn:oid:1.2.392.100495.20.1.73";
    private static final FhirContext FHIR = FhirContext.forR4();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final String base;
    private final ObjectMapper json;

    public CdsHooksClient(int port, ObjectMapper json) {
        this.base = "http://127.0.0.1:" + port + "/cds-services";
        this.json = json;
    }

    public record Answer(int status, String contentType, JsonNode body) {
    }

    /** A Bundle of one draft MedicationRequest per drug code, each for {@code days} days. */
    public static Bundle draftOrders(String patientId, int days, String... drugCodes) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        for (String drugCode : drugCodes) {
            MedicationRequest draft = new MedicationRequest()
                    .setStatus(MedicationRequest.MedicationRequestStatus.DRAFT)
                    .setIntent(MedicationRequest.MedicationRequestIntent.ORDER)
                    .setMedication(new CodeableConcept().addCoding(new Coding(YJ, drugCode, null)))
                    .setSubject(new Reference("Patient/" + patientId));
            draft.addDosageInstruction().setText("1 tablet once daily").setAsNeeded(new BooleanType(false));
            draft.getDispenseRequest().setExpectedSupplyDuration((Duration) new Duration().setValue(days)
                    .setUnit("d").setSystem("http://unitsofmeasure.org").setCode("d"));
            bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(draft);
        }
        return bundle;
    }

    /** The CDS Hooks request of {@code hook} with {@code draftOrders} (any JSON) as the context's. */
    public ObjectNode request(String hook, String patientId, JsonNode draftOrders) {
        ObjectNode request = json.createObjectNode().put("hook", hook)
                .put("hookInstance", UUID.randomUUID().toString())
                .put("fhirServer", "https://ehr.example.org/fhir");
        ObjectNode context = request.putObject("context").put("userId", "Practitioner/DOC").put("patientId", patientId);
        context.set("draftOrders", draftOrders);
        return request;
    }

    public JsonNode encoded(Bundle bundle) {
        try {
            return json.readTree(FHIR.newJsonParser().encodeResourceToString(bundle));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Answer discovery() {
        return send(HttpRequest.newBuilder(URI.create(base)).GET(), null);
    }

    public Answer call(String serviceId, String body, Identity caller) {
        return send(HttpRequest.newBuilder(URI.create(base + "/" + serviceId))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), caller);
    }

    private Answer send(HttpRequest.Builder request, Identity caller) {
        if (caller != null) {
            request.header("Authorization", "Bearer " + TestTokens.of(caller));
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body().isEmpty() ? null : json.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
