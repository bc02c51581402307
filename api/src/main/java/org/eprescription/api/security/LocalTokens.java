package org.eprescription.api.security;

import lombok.RequiredArgsConstructor;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Signs tokens with the local key, with the claims an identity provider would issue. */
@RequiredArgsConstructor
public class LocalTokens {

    public static final String ISSUER = "prescription-exchange-local";
    static final MacAlgorithm ALGORITHM = MacAlgorithm.HS256;

    private final JwtEncoder encoder;
    private final Duration lifetime;
    private final Clock clock;

    public LocalTokenController.Token issue(LocalTokenController.TokenRequest request) {
        Instant now = clock.instant();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(request.subject())
                .issuedAt(now)
                .expiresAt(now.plus(lifetime))
                .claim(TokenClaims.ROLES, List.of(request.role().name()));
        putIfPresent(claims, TokenClaims.INSTITUTION_ID, request.institutionId());
        putIfPresent(claims, TokenClaims.PHARMACY_ID, request.pharmacyId());
        putIfPresent(claims, TokenClaims.PATIENT_ID, request.patientId());
        String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(ALGORITHM).build(), claims.build())).getTokenValue();
        return new LocalTokenController.Token(token, "Bearer", lifetime.toSeconds());
    }

    private static void putIfPresent(JwtClaimsSet.Builder claims, String name, String value) {
        if (value != null && !value.isBlank()) {
            claims.claim(name, value);
        }
    }
}
