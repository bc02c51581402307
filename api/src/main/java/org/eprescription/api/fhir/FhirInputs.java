package org.eprescription.api.fhir;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import lombok.RequiredArgsConstructor;
import org.hl7.fhir.instance.model.api.IBaseHasModifierExtensions;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Quantity;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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

    /**
     * The drug's YJ code; a drug coded only in other systems is 422 naming them, one coded with two different YJ codes
     * 400 (which one was meant is not for the exchange to guess).
     */
    static String yjCode(String where, CodeableConcept drug) {
        List<String> codes = drug.getCoding().stream()
                .filter(coding -> FhirSystems.YJ.equals(coding.getSystem()) && coding.hasCode())
                .map(Coding::getCode).distinct().toList();
        if (codes.size() > 1) {
            throw FhirRequestException.malformed(where + ": the drug is coded with different YJ codes, "
                    + String.join(", ", codes) + "; a line has one drug");
        }
        return codes.stream().findFirst()
                .orElseThrow(() -> FhirRequestException.unsupportedSystem(where + ": the drug is coded in "
                        + systemsOf(drug.getCoding())
                        + "; the exchange knows drugs by their YJ code (system " + FhirSystems.YJ + ")"));
    }

    /**
     * The day a FHIR date or dateTime names, for {@code element}: a day written without a time is that day as written,
     * whatever zone the JVM runs in (HAPI reads it as midnight of the JVM's default zone, which in another zone than
     * the exchange's can fall on the day before or after); a moment is the day it falls on in {@code zone}, the
     * exchange's (docs/domain.md, "Days"). A year or a month alone names no day: 400.
     */
    static LocalDate day(String element, BaseDateTimeType value, ZoneId zone) {
        if (value.getValue() == null || value.getPrecision().compareTo(TemporalPrecisionEnum.DAY) < 0) {
            throw FhirRequestException.malformed(element + " must name a day");
        }
        return value.getPrecision() == TemporalPrecisionEnum.DAY
                ? LocalDate.of(value.getYear(), value.getMonth() + 1, value.getDay())
                : value.getValue().toInstant().atZone(zone).toLocalDate();
    }

    /**
     * Refuses (400) what would make the exchange read {@code element} (a resource it reads, and everything in it) as
     * something it does not say: a {@code modifierExtension} anywhere, which by FHIR's rules changes the meaning of
     * the element that holds it ("do not give", "draft only"), so it may not be read past; and a Quantity or Duration
     * with a {@code comparator} ({@code < 28} days is not 28 days). docs/fhir.md, "What the exchange refuses to read
     * past".
     */
    static void requireNothingReadPast(String where, Base element) {
        walk(where, element, element.fhirType());
    }

    private static void walk(String where, Base element, String path) {
        if (element instanceof IBaseHasModifierExtensions modified && !modified.getModifierExtension().isEmpty()) {
            String urls = modified.getModifierExtension().stream()
                    .map(extension -> extension instanceof Extension known ? known.getUrl() : null)
                    .filter(Objects::nonNull).distinct().collect(Collectors.joining(", "));
            throw FhirRequestException.malformed(where + ": " + path + " has a modifierExtension"
                    + (urls.isEmpty() ? "" : " (" + urls + ")") + "; it changes what the element means, and the "
                    + "exchange does not understand it, so it does not read past it");
        }
        if (element instanceof Quantity quantity && quantity.hasComparator()) {
            throw FhirRequestException.malformed(where + ": " + path + " has the comparator "
                    + quantity.getComparatorElement().getValueAsString() + "; the exchange takes exact quantities and "
                    + "durations only");
        }
        for (Property property : element.children()) {
            for (Base value : property.getValues()) {
                if (value != null) {
                    walk(where, value, path + "." + property.getName());
                }
            }
        }
    }

    /**
     * The unit a quantity is given in: its {@code unit} and its {@code code} when both are there must name the same
     * unit (trimmed, ignoring case), else 422 {@code invalid-lines} (a UCUM {@code mg} under the text "tablet" would be
     * counted as tablets); either alone when only one is there; null when neither.
     */
    static String unitOf(String where, String element, Quantity quantity) {
        String unit = blankToNull(quantity.getUnit());
        String code = blankToNull(quantity.getCode());
        if (unit != null && code != null && !unit.strip().equalsIgnoreCase(code.strip())) {
            throw FhirRequestException.invalidLines(where + ": " + element + " names the unit " + unit.strip()
                    + " and the code " + code.strip() + "; a quantity is counted in one unit, the drug's: give it as "
                    + "both");
        }
        return unit != null ? unit : code;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

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

    /**
     * The reason an {@code asNeededCodeableConcept} gives for taking the drug ("for pain"): its text, else the
     * displays of its codings; empty for {@code asNeededBoolean} or none. A reason given only as codes cannot be
     * carried (the exchange keeps a line's instructions as text) and is refused (400), never dropped.
     */
    static Optional<String> asNeededReason(String where, Dosage dosage) {
        if (!dosage.hasAsNeededCodeableConcept()) {
            return Optional.empty();
        }
        CodeableConcept reason = dosage.getAsNeededCodeableConcept();
        if (reason.hasText() && !reason.getText().isBlank()) {
            return Optional.of(reason.getText().strip());
        }
        String displays = reason.getCoding().stream().filter(Coding::hasDisplay).map(Coding::getDisplay)
                .filter(display -> !display.isBlank()).map(String::strip).distinct()
                .collect(Collectors.joining(", "));
        if (displays.isEmpty()) {
            throw FhirRequestException.malformed(where + ": dosageInstruction.asNeededCodeableConcept needs a text (or "
                    + "a coding's display): the exchange keeps the reason to take a drug as needed in the dosage text "
                    + "and cannot carry it as codes alone (docs/fhir.md, \"Task/$create\")");
        }
        return Optional.of(displays);
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
