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
 * {@code asNeededBoolean}, and the unit of {@code dispenseRequest.quantity} when it has one (checked against the drug's
 * as on issue). Parsed strictly like every FHIR body; orders of other kinds are not the check's business.
 * An order still being written (no coded drug or no supply duration yet) is left out of the check and named in
 * {@link DraftOrders#notChecked}, so that it does not cost the cards of the others; a value that is there but wrong
 * (not whole days, another unit, a coding that is not YJ) is refused as malformed.
 */
@Component
@RequiredArgsConstructor
public class DraftOrdersReader {

    private static final String FHIR_JSON = "application/fhir+json";

    private final FhirResources resources;
    private final FhirInputs inputs;

    /**
     * The orders a check can take, as a check of the patient's medication (none if no order can be checked yet), and
     * why each other order was left out.
     */
    public record DraftOrders(Optional<DuplicateCheckRequest> check, List<String> notChecked) {

        public DraftOrders {
            notChecked = List.copyOf(notChecked);
        }
    }

    /** The draft of {@code patientId}'s orders; empty when it orders no medication. */
    public Optional<DraftOrders> read(String patientId, String draftOrders) {
        Bundle bundle = resources.read(draftOrders.getBytes(StandardCharsets.UTF_8), FHIR_JSON, Bundle.class);
        List<MedicationRequest> requests = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(MedicationRequest.class::isInstance).map(MedicationRequest.class::cast).toList();
        if (requests.isEmpty()) {
            return Optional.empty();
        }
        List<DuplicateCheckRequest.Line> lines = new ArrayList<>();
        List<String> notChecked = new ArrayList<>();
        for (int index = 0; index < requests.size(); index++) {
            String where = "draft MedicationRequest " + (index + 1);
            requireCheckable(where, requests.get(index));
            Optional<String> unfinished = unfinished(requests.get(index));
            if (unfinished.isPresent()) {
                notChecked.add(where + ": " + unfinished.get());
            } else {
                lines.add(line(index + 1, requests.get(index)));
            }
        }
        Optional<DuplicateCheckRequest> check = lines.isEmpty() ? Optional.empty()
                : Optional.of(inputs.requireValid(new DuplicateCheckRequest(patientId, lines, null, null)));
        return Optional.of(new DraftOrders(check, notChecked));
    }

    /**
     * An order the check would misread is refused (400), as {@code Task/$create} would refuse it: one that says the
     * drug must not be given ({@code doNotPerform}), starts no course, and checking it as one would answer cards about
     * a drug nobody gets, while leaving it out would pass the refusal off as checked; a {@code modifierExtension} may
     * say the same or anything else; a supply of {@code < 28} days is not 28 days.
     */
    private static void requireCheckable(String where, MedicationRequest request) {
        FhirInputs.requireNothingReadPast(where, request);
        if (request.hasDoNotPerform() && request.getDoNotPerform()) {
            throw FhirRequestException.malformed(where + ": doNotPerform true says the drug must not be given; the "
                    + "check compares courses that are to be given (docs/fhir.md, \"CDS Hooks\")");
        }
    }

    /** What an order still lacks for a check, if anything. */
    private static Optional<String> unfinished(MedicationRequest request) {
        if (!request.hasMedicationCodeableConcept()) {
            return Optional.of("no drug coded as a medicationCodeableConcept yet");
        }
        if (!request.getDispenseRequest().hasExpectedSupplyDuration()
                || !request.getDispenseRequest().getExpectedSupplyDuration().hasValue()) {
            return Optional.of("no dispenseRequest.expectedSupplyDuration yet");
        }
        return Optional.empty();
    }

    private static DuplicateCheckRequest.Line line(int number, MedicationRequest request) {
        String where = "draft MedicationRequest " + number;
        String drugCode = FhirInputs.yjCode(where, request.getMedicationCodeableConcept());
        int days = FhirInputs.wholeDays(where, "dispenseRequest.expectedSupplyDuration",
                request.getDispenseRequest().getExpectedSupplyDuration());
        boolean asNeeded = request.getDosageInstruction().stream()
                .anyMatch(dosage -> Boolean.TRUE.equals(FhirInputs.asNeeded(dosage)));
        return new DuplicateCheckRequest.Line(number, drugCode, days, asNeeded, unitOf(where, request));
    }

    /**
     * The unit of {@code dispenseRequest.quantity} (its {@code unit} and {@code code}, which must then agree), null when
     * not given.
     */
    private static String unitOf(String where, MedicationRequest request) {
        if (!request.getDispenseRequest().hasQuantity()) {
            return null;
        }
        return FhirInputs.unitOf(where, "dispenseRequest.quantity", request.getDispenseRequest().getQuantity());
    }
}
