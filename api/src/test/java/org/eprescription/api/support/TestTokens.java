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

/**
 * Signs bearer tokens as the tests' identity provider: with the key whose public half the exchange under test trusts
 * (test resources, {@code config/application.yml}). The key exists for tests only.
 */
public final class TestTokens {

    private static final PrivateKey KEY = load("/security/test-jwt-private.pem");

    private TestTokens() {
    }

    /** For an exchange started from the packaged jar, which does not see the test resources. */
    public static String trustArgument() {
        java.net.URL key = TestTokens.class.getResource("/security/test-jwt-public.pem");
        return "--spring.security.oauth2.resourceserver.jwt.public-key-location=" + key;
    }

    public static String of(Identity identity) {
        return of(identity, Instant.now().plus(Duration.ofHours(1)), KEY);
    }

    /** A token of the trusted key that expired ten minutes ago. */
    public static String expired(Identity identity) {
        return of(identity, Instant.now().minusSeconds(600), KEY);
    }

    /** A token valid until {@code expiresAt}, signed with {@code key} (a foreign key makes a forged token). */
    public static String of(Identity identity, Instant expiresAt, PrivateKey key) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(identity.subject())
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
