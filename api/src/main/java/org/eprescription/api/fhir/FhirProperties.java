package org.eprescription.api.fhir;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code exchange.fhir.*}: the base URL under which the identifier systems ({@code patient-id},
 * {@code prescription-id}, ...) and the exchange's own code systems are named (docs/fhir.md, "Identifiers").
 */
@ConfigurationProperties("exchange.fhir")
record FhirProperties(@DefaultValue("http://example.org/fhir/sid/") String identifierBase,
                      @DefaultValue("http://example.org/fhir/CodeSystem/") String codeSystemBase) {

    FhirProperties {
        identifierBase = withSlash(identifierBase);
        codeSystemBase = withSlash(codeSystemBase);
    }

    private static String withSlash(String base) {
        return base.endsWith("/") ? base : base + "/";
    }
}
