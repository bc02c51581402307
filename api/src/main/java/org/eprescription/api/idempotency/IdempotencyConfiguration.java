package org.eprescription.api.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/**
 * Idempotency-Key handling for every POST of the API and of the FHIR interface, in one place rather than in each
 * controller.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdempotencyProperties.class)
class IdempotencyConfiguration implements WebMvcConfigurer {

    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotentRequests requests,
                                                                IdempotencyProperties properties, ObjectMapper json) {
        FilterRegistrationBean<IdempotencyFilter> registration =
                new FilterRegistrationBean<>(new IdempotencyFilter(requests, properties, json));
        registration.addUrlPatterns("/api/v1/*", "/fhir/*");
        return registration;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new IdempotencyKeyArgument());
    }
}
