package org.eprescription.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Tokens the exchange signs itself, for trying it locally without an identity provider (prefix
 * {@code exchange.security.local-tokens}).
 *
 * @param enabled                   off unless set; anyone who can reach the exchange can then act in any role
 * @param allowWithExternalDatabase needed as well with a configured spring.datasource.url, so that a real
 *                                  deployment never trusts self-issued tokens by one forgotten switch
 * @param lifetime                  how long a local token is valid
 */
@ConfigurationProperties("exchange.security.local-tokens")
public record LocalTokenProperties(boolean enabled, boolean allowWithExternalDatabase, Duration lifetime) {

    public LocalTokenProperties {
        lifetime = lifetime == null ? Duration.ofHours(8) : lifetime;
    }
}
