package org.eprescription.api.security;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.time.Clock;
import java.time.Duration;

/** Puts {@link VerifiedTokens} in front of whichever token decoder is configured (identity provider or local). */
@Configuration(proxyBeanMethods = false)
public class VerifiedTokensConfiguration {

    static final int MAXIMUM_TOKENS = 100_000;
    static final Duration RETENTION = Duration.ofMinutes(5);

    @Bean
    static BeanPostProcessor verifiedTokensInFrontOfTheDecoder() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof JwtDecoder decoder && !(bean instanceof VerifiedTokens)
                        ? new VerifiedTokens(decoder, Clock.systemUTC(), MAXIMUM_TOKENS, RETENTION)
                        : bean;
            }
        };
    }
}
