package org.eprescription.api.input;

import org.springframework.boot.autoconfigure.validation.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * Bean validation's "today" ({@code @PastOrPresent} on a birth date) is the exchange's: its clock, in its zone. The
 * JVM's own zone would call a birth date of today in Tokyo a future one until Tokyo's morning was over in UTC.
 */
@Configuration(proxyBeanMethods = false)
class ValidationClockConfiguration {

    @Bean
    ValidationConfigurationCustomizer exchangeClockForValidation(Clock clock) {
        return configuration -> configuration.clockProvider(() -> clock);
    }
}
