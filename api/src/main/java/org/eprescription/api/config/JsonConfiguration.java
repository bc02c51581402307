package org.eprescription.api.config;

import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Jackson reads and writes properties through generated lambdas instead of reflection (Blackbird): the same JSON for
 * every request, answer and stored event, at less CPU each (docs/benchmarks.md). Spring Boot adds every Module bean
 * to the application's ObjectMapper.
 */
@Configuration(proxyBeanMethods = false)
public class JsonConfiguration {

    @Bean
    BlackbirdModule blackbirdModule() {
        return new BlackbirdModule();
    }
}
