package org.eprescription.api.fhir;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one FHIR R4 context of the application: building it scans the whole R4 model, so it is built once. Its
 * parsers never look for referenced resources to contain: every reference the exchange writes is a URL or an
 * identifier, never a resource object, so that search (a walk of every resource encoded) would find nothing.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FhirProperties.class)
class FhirConfiguration {

    @Bean
    FhirContext fhirContext() {
        FhirContext context = FhirContext.forR4();
        context.getParserOptions().setAutoContainReferenceTargetsWithNoId(false);
        return context;
    }

    /**
     * Outside every other filter, so that what they answer to a {@code /fhir} request (413, an idempotency key reused)
     * is an OperationOutcome too.
     */
    @Bean
    FilterRegistrationBean<FhirProblemFilter> fhirProblemFilter(FhirProblemEncoding encoding, ObjectMapper json) {
        FilterRegistrationBean<FhirProblemFilter> registration = new FilterRegistrationBean<>(
                new FhirProblemFilter(encoding, json));
        registration.addUrlPatterns(FhirPaths.BASE, FhirPaths.BASE + "/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
