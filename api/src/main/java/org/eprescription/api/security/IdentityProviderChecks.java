package org.eprescription.api.security;

import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;

import java.util.List;

/**
 * What an identity provider's configuration must say before the exchange trusts its tokens (docs/operations.md,
 * "Identity provider and tokens"). A signature only proves that the provider issued the token, not that it issued it
 * for the exchange: a provider signs tokens for every application it serves (with a JWK set, for every tenant that
 * shares its keys), and any of them could carry a {@code roles} claim of "AUDITOR". So the exchange refuses to start
 * without the audience its tokens must name, and, where keys come from a JWK set, without the issuer.
 */
final class IdentityProviderChecks {

    private IdentityProviderChecks() {
    }

    /** The reasons the configuration is refused; empty when it is sound, or when no identity provider is set. */
    static List<String> problems(OAuth2ResourceServerProperties.Jwt jwt) {
        boolean external = present(jwt.getIssuerUri()) || present(jwt.getJwkSetUri())
                || jwt.getPublicKeyLocation() != null;
        if (!external) {
            return List.of();
        }
        List<String> problems = new java.util.ArrayList<>();
        if (jwt.getAudiences() == null || jwt.getAudiences().stream().noneMatch(IdentityProviderChecks::present)) {
            problems.add("spring.security.oauth2.resourceserver.jwt.audiences is not set: tokens issued for any "
                    + "other application of the identity provider would be accepted");
        }
        if (present(jwt.getJwkSetUri()) && !present(jwt.getIssuerUri())) {
            problems.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri is set without issuer-uri: tokens of "
                    + "any issuer signing with those keys would be accepted");
        }
        return List.copyOf(problems);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
