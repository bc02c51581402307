package org.eprescription.api.input;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The Accept header and the request-body limit for the whole API, ahead of every filter that reads a body. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RequestLimitsProperties.class)
class RequestLimitsConfiguration {

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(RequestLimitsProperties limits,
                                                                          ObjectMapper json) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestBodyLimitFilter(Math.toIntExact(limits.maxBodySize().toBytes()), json));
        registration.addUrlPatterns("/api/*", "/fhir/*", "/cds-services/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<AcceptHeaderFilter> acceptHeaderFilter(ObjectMapper json) {
        FilterRegistrationBean<AcceptHeaderFilter> registration = new FilterRegistrationBean<>(new AcceptHeaderFilter(json));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }
}
