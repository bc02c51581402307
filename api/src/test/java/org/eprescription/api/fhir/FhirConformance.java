package org.eprescription.api.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the tests read what {@code /fhir} answers: parsed strictly (an unknown or malformed element fails) and
 * validated against the R4 core definitions and schemas by HAPI's instance validator, no error allowed. Built once:
 * the validator loads every R4 definition.
 */
final class FhirConformance {

    static final FhirContext CONTEXT = FhirContext.forR4();
    private static final FhirValidator VALIDATOR = validator();

    private FhirConformance() {
    }

    /** The body, parsed strictly as {@code type} in the encoding of {@code contentType}, and valid R4. */
    static <T extends IBaseResource> T valid(String body, String contentType, Class<T> type) {
        IParser parser = (contentType.startsWith("application/fhir+xml") ? CONTEXT.newXmlParser()
                : CONTEXT.newJsonParser()).setParserErrorHandler(new StrictErrorHandler());
        T resource = parser.parseResource(type, body);
        ValidationResult result = VALIDATOR.validateWithResult(body);
        List<String> errors = result.getMessages().stream()
                .filter(message -> message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .map(FhirConformance::describe)
                .toList();
        assertThat(errors).as("validation errors in %s", body).isEmpty();
        return resource;
    }

    static String json(IBaseResource resource) {
        return CONTEXT.newJsonParser().encodeResourceToString(resource);
    }

    private static String describe(SingleValidationMessage message) {
        return message.getSeverity() + " " + message.getLocationString() + ": " + message.getMessage();
    }

    private static FhirValidator validator() {
        ValidationSupportChain support = new ValidationSupportChain(
                new DefaultProfileValidationSupport(CONTEXT),
                new CommonCodeSystemsTerminologyService(CONTEXT),
                new InMemoryTerminologyServerValidationSupport(CONTEXT),
                new SnapshotGeneratingValidationSupport(CONTEXT));
        FhirValidator validator = CONTEXT.newValidator().registerValidatorModule(new FhirInstanceValidator(support));
        validator.setValidateAgainstStandardSchema(true);
        return validator;
    }
}
