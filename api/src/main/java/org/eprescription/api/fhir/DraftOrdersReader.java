package org.eprescription.api.fhir;

import lombok.RequiredArgsConstructor;
import org.eprescription.api.alerts.DuplicateCheckRequest;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A CDS Hooks client's draft orders (a FHIR Bundle in {@code context.draftOrders}) as the JSON API's duplicate check
 * body (docs/fhir.md, "CDS Hooks"): one line per MedicationRequest, in order, its drug the YJ coding of
 * {@code medicationCodeableConcept}, its days {@code dispenseRequest.expectedSupplyDuration}, and
 * {@code asNeededBoolean}. Parsed strictly like every FHIR body; orders of other kinds are not the check's business.
 */
@Component
@RequiredArgsConstructor
public class DraftOrdersReader {

    private static final String FHIR_JSON = "application/fhir+json";

    private final FhirResources resources;
    private final FhirInputs inputs;

    /** The draft as a check of {@code patientId}'s medication; empty when it orders no medication. */
    public Optional<DuplicateCheckRequest> read(String patientId, String draftOrders) {
        Bundle bundle = resources.read(draftOrders.getBytes(StandardCharsets.UTF_8), FHIR_JSON, Bundle.class);
        List<MedicationRequest> requests = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(MedicationRequest.class::isInstance).map(MedicationRequest.class::cast).toList();
        if (requests.isEmpty()) {
            return Optional.empty();
        }
        List<DuplicateCheckRequest.Line> lines = new ArrayList<>();
        for (int index = 0; index < requests.size(); index++) {
            lines.add(line(index + 1, requests.get(index)));
        }
        return Optional.of(inputs.requireValid(new DuplicateCheckRequest(patientId, lines, null, null)));
    }

    private static DuplicateCheckRequest.Line line(int number, MedicationRequest request) {
        String where = "draft MedicationRequest " + number;
        if (!request.hasMedicationCodeableConcept()) {
            throw FhirRequestException.malformed(where + ": the drug must be a medicationCodeableConcept");
        }
        String drugCode = FhirInputs.yjCode(where, request.getMedicationCodeableConcept());
        int days = FhirInputs.wholeDays(where, "dispenseRequest.expectedSupplyDuration",
                request.getDispenseRequest().getExpectedSupplyDuration());
        boolean asNeeded = request.getDosageInstruction().stream()
                .anyMatch(dosage -> Boolean.TRUE.equals(FhirInputs.asNeeded(dosage)));
        return new DuplicateCheckRequest.Line(number, drugCode, days, asNeeded);
    }
}
