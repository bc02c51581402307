package org.eprescription.api.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
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

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.UUID;

/**
 * With {@code exchange.security.local-tokens.enabled=true}: a signing key made at start-up (tokens die with the
 * process), the decoder that trusts it instead of an identity provider, and {@code POST /api/v1/local-tokens}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LocalTokenProperties.class)
@ConditionalOnProperty(name = "exchange.security.local-tokens.enabled", havingValue = "true")
public class LocalTokenConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LocalTokenConfiguration.class);

    @Bean
    RSAKey localTokenKey(LocalTokenProperties properties,
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
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                .keyID(UUID.randomUUID().toString()).build();
    }

    @Bean
    JwtDecoder localTokenDecoder(RSAKey localTokenKey) throws com.nimbusds.jose.JOSEException {
        return NimbusJwtDecoder.withPublicKey(localTokenKey.toRSAPublicKey()).build();
    }

    @Bean
    LocalTokens localTokens(RSAKey localTokenKey, LocalTokenProperties properties, Clock clock) {
        return new LocalTokens(new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(localTokenKey))),
                properties.lifetime(), clock);
    }
}
