package org.eprescription.api.security;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;

/**
 * With {@code exchange.security.local-tokens.enabled=true}: a signing key made at start-up (tokens die with the
 * process), the decoder that trusts it instead of an identity provider, and {@code POST /api/v1/local-tokens}.
 * The key is a random HMAC-SHA256 secret that never leaves the process: nobody else verifies these tokens, so a
 * key pair (whose generation took a second or more of every start) would buy nothing.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LocalTokenProperties.class)
@ConditionalOnProperty(name = "exchange.security.local-tokens.enabled", havingValue = "true")
public class LocalTokenConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LocalTokenConfiguration.class);

    @Bean
    SecretKey localTokenKey(LocalTokenProperties properties,
                         @Value("${spring.datasource.url:}") String externalDatabase,
                         @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String issuer,
                         @Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri:}") String jwkSet,
                         @Value("${spring.security.oauth2.resourceserver.jwt.public-key-location:}") String publicKey)
            throws NoSuchAlgorithmException {
        if (!externalDatabase.isBlank() && !properties.allowWithExternalDatabase()) {
            throw new IllegalStateException("exchange.security.local-tokens.enabled is refused with an external "
                    + "database (spring.datasource.url); set exchange.security.local-tokens.allow-with-external-database"
                    + "=true only for a test installation");
        }
        if (!issuer.isBlank() || !jwkSet.isBlank() || !publicKey.isBlank()) {
            throw new IllegalStateException("configure either an identity provider "
                    + "(spring.security.oauth2.resourceserver.jwt.*) or exchange.security.local-tokens, not both");
        }
        log.warn("Local tokens are enabled: POST /api/v1/local-tokens gives anyone a token for any role. "
                + "Never run a real installation like this.");
        KeyGenerator generator = KeyGenerator.getInstance("HmacSHA256");
        generator.init(256);
        return generator.generateKey();
    }

    @Bean
    JwtDecoder localTokenDecoder(SecretKey localTokenKey) {
        return NimbusJwtDecoder.withSecretKey(localTokenKey).macAlgorithm(LocalTokens.ALGORITHM).build();
    }

    @Bean
    LocalTokens localTokens(SecretKey localTokenKey, LocalTokenProperties properties, Clock clock) {
        return new LocalTokens(new NimbusJwtEncoder(new ImmutableSecret<>(localTokenKey)), properties.lifetime(),
                clock);
    }
}
