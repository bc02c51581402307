package org.eprescription.api.security;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.core.io.ByteArrayResource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An identity provider is trusted only for tokens issued for the exchange (docs/operations.md). */
class IdentityProviderChecksTest {

    private final OAuth2ResourceServerProperties.Jwt jwt = new OAuth2ResourceServerProperties().getJwt();

    @Test
    void noIdentityProviderIsNotTheseChecksConcern() {
        assertThat(IdentityProviderChecks.problems(jwt)).isEmpty();
    }

    @Test
    void aProviderWithoutAnAudienceIsRefused() {
        jwt.setIssuerUri("https://idp.example.org/realms/exchange");

        assertThat(IdentityProviderChecks.problems(jwt)).singleElement().asString().contains("audiences");
    }

    @Test
    void aJwkSetWithoutAnIssuerIsRefusedEvenWithAnAudience() {
        jwt.setJwkSetUri("https://idp.example.org/jwks.json");
        jwt.setAudiences(List.of("prescription-exchange"));

        assertThat(IdentityProviderChecks.problems(jwt)).singleElement().asString().contains("issuer-uri");
    }

    @Test
    void aFixedKeyOrAJwkSetWithIssuerAndAudienceIsAccepted() {
        jwt.setAudiences(List.of("prescription-exchange"));
        jwt.setPublicKeyLocation(new ByteArrayResource(new byte[0]));
        assertThat(IdentityProviderChecks.problems(jwt)).isEmpty();

        jwt.setPublicKeyLocation(null);
        jwt.setJwkSetUri("https://idp.example.org/jwks.json");
        jwt.setIssuerUri("https://idp.example.org/realms/exchange");
        assertThat(IdentityProviderChecks.problems(jwt)).isEmpty();
    }

    @Test
    void aBlankAudienceIsNoAudience() {
        jwt.setIssuerUri("https://idp.example.org/realms/exchange");
        jwt.setAudiences(List.of(" "));

        assertThat(IdentityProviderChecks.problems(jwt)).isNotEmpty();
    }
}
