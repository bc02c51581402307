package org.eprescription.api.fhir;

import ca.uhn.fhir.context.FhirContext;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one FHIR R4 context of the application: building it scans the whole R4 model, so it is built once. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FhirProperties.class)
class FhirConfiguration {

    @Bean
    FhirContext fhirContext() {
        return FhirContext.forR4();
    }
}
