package org.eprescription.api.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Remembers tokens the identity provider's key has verified, so that a client sending the same bearer token with
 * every request (an EHR's duplicate checks, a pharmacy's queue) pays for the signature check once, not per request.
 *
 * <p>Only the exact token text that passed the wrapped decoder (signature, issuer, audience, expiry) is remembered,
 * and only until its own expiry and at most {@code retention}; after that the decoder judges it again. A token signed
 * by a key the provider has since withdrawn is therefore accepted for at most {@code retention} longer.
 */
public final class VerifiedTokens implements JwtDecoder {

    private final JwtDecoder decoder;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    public VerifiedTokens(JwtDecoder decoder, Clock clock, int maximumTokens, Duration retention) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.verified = Caffeine.newBuilder().maximumSize(maximumTokens).expireAfterWrite(retention).build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known != null && unexpired(known)) {
            return known;
        }
        Jwt jwt = decoder.decode(token);
        verified.put(token, jwt);
        return jwt;
    }

    private boolean unexpired(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        return expiresAt == null || clock.instant().isBefore(expiresAt);
    }
}
