package org.eprescription.api.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Idempotency-Key handling for every POST of the API and of the FHIR interface, in one place rather than in each
 * controller.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdempotencyProperties.class)
class IdempotencyConfiguration {

    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotentRequests requests,
                                                                IdempotencyProperties properties, ObjectMapper json) {
        FilterRegistrationBean<IdempotencyFilter> registration =
                new FilterRegistrationBean<>(new IdempotencyFilter(requests, properties, json));
        registration.addUrlPatterns("/api/v1/*", "/fhir/*");
        return registration;
    }
}
