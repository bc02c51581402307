package org.eprescription.api.fhir;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import lombok.RequiredArgsConstructor;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Quantity;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What every FHIR request body shares on its way to the JSON API's body: a drug is a YJ code, a supply is whole
 * days, and the JSON body it becomes passes the JSON API's own bean validation (the limits are the JSON API's).
 */
@Component
@RequiredArgsConstructor
class FhirInputs {

    private final Validator validator;

    /** The JSON API's body as the JSON API would validate it: a value beyond its limits is 400 {@code validation}. */
    <T> T requireValid(T body) {
        Set<ConstraintViolation<T>> violations = validator.validate(body);
        if (!violations.isEmpty()) {
            throw FhirRequestException.invalid(violations.stream()
                    .sorted(Comparator.comparing(violation -> violation.getPropertyPath().toString()))
                    .map(violation -> violation.getPropertyPath() + " " + violation.getMessage())
                    .collect(Collectors.joining("; ")));
        }
        return body;
    }

    /** The drug's YJ code; a drug coded only in other systems is 422 naming them. */
    static String yjCode(String where, CodeableConcept drug) {
        return drug.getCoding().stream()
                .filter(coding -> FhirSystems.YJ.equals(coding.getSystem()) && coding.hasCode())
                .map(Coding::getCode).findFirst()
                .orElseThrow(() -> FhirRequestException.unsupportedSystem(where + ": the drug is coded in "
                        + systemsOf(drug.getCoding())
                        + "; the exchange knows drugs by their YJ code (system " + FhirSystems.YJ + ")"));
    }

    /** A duration or supply in whole days (UCUM {@code d}). */
    /**
     * Whether a dosage is taken as needed: {@code asNeededBoolean}, or an {@code asNeededCodeableConcept}, which gives
     * the reason a drug is taken as needed and so says it is (FHIR R4 Dosage.asNeeded[x]); null when it says neither.
     */
    static Boolean asNeeded(Dosage dosage) {
        if (dosage.hasAsNeededBooleanType()) {
            return dosage.getAsNeededBooleanType().booleanValue();
        }
        if (dosage.hasAsNeededCodeableConcept()) {
            return Boolean.TRUE;
        }
        return null;
    }

    static int wholeDays(String where, String element, Quantity duration) {
        if (duration == null || !duration.hasValue()) {
            throw FhirRequestException.malformed(where + ": " + element + " is required");
        }
        String unit = duration.hasCode() ? duration.getCode() : duration.getUnit();
        if (!"d".equals(unit)) {
            throw FhirRequestException.malformed(where + ": " + element + " must be in days (UCUM code d)");
        }
        try {
            return duration.getValue().intValueExact();
        } catch (ArithmeticException notWhole) {
            throw FhirRequestException.malformed(where + ": " + element + " must be whole days");
        }
    }

    private static String systemsOf(List<Coding> codings) {
        String named = codings.stream().map(Coding::getSystem).filter(Objects::nonNull).distinct().sorted()
                .collect(Collectors.joining(", "));
        return named.isEmpty() ? "no code system" : named;
    }
}
