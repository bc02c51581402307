package org.eprescription.api.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * Signs bearer tokens as the tests' identity provider: with the key whose public half the exchange under test trusts
 * (test resources, {@code config/application.yml}). The key exists for tests only.
 */
public final class TestTokens {

    private static final PrivateKey KEY = load("/security/test-jwt-private.pem");

    private TestTokens() {
    }

    /** The audience of the exchange's tokens, as the test configuration names it. */
    public static final String AUDIENCE = "prescription-exchange";

    /** For an exchange started from the packaged jar, which does not see the test resources. */
    public static List<String> trustArguments() {
        java.net.URL key = TestTokens.class.getResource("/security/test-jwt-public.pem");
        return List.of("--spring.security.oauth2.resourceserver.jwt.public-key-location=" + key,
                "--spring.security.oauth2.resourceserver.jwt.audiences=" + AUDIENCE);
    }

    public static String of(Identity identity) {
        return of(identity, Instant.now().plus(Duration.ofHours(1)), KEY);
    }

    /** A token of the trusted key, valid, but issued for another application. */
    public static String forAudience(Identity identity, String audience) {
        return of(identity, Instant.now().plus(Duration.ofHours(1)), KEY, audience);
    }

    /** A token of the trusted key, valid until {@code expiresAt}. */
    public static String until(Identity identity, Instant expiresAt) {
        return of(identity, expiresAt, KEY);
    }

    /** A token of the trusted key that expired ten minutes ago. */
    public static String expired(Identity identity) {
        return of(identity, Instant.now().minusSeconds(600), KEY);
    }

    /** A token valid until {@code expiresAt}, signed with {@code key} (a foreign key makes a forged token). */
    public static String of(Identity identity, Instant expiresAt, PrivateKey key) {
        return of(identity, expiresAt, key, AUDIENCE);
    }

    /** As {@link #of(Identity, Instant, PrivateKey)}, issued for {@code audience}. */
    public static String of(Identity identity, Instant expiresAt, PrivateKey key, String audience) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(identity.subject())
                .audience(audience)
                .issuer("test-identity-provider")
                .issueTime(Date.from(Instant.now().minusSeconds(5)))
                .expirationTime(Date.from(expiresAt))
                .claim("roles", identity.roles());
        if (identity.institutionId() != null) {
            claims.claim("institution_id", identity.institutionId());
        }
        if (identity.pharmacyId() != null) {
            claims.claim("pharmacy_id", identity.pharmacyId());
        }
        if (identity.patientId() != null) {
            claims.claim("patient_id", identity.patientId());
        }
        SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
        try {
            token.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return token.serialize();
    }

    private static PrivateKey load(String resource) {
        try (InputStream in = TestTokens.class.getResourceAsStream(resource)) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
