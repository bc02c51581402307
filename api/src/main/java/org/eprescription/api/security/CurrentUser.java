package org.eprescription.api.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

/** The caller of the request being handled, from its validated bearer token. */
@Component
public class CurrentUser {

    public ExchangeUser get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof Jwt token)) {
            throw new MissingActorException("send a bearer token");
        }
        return ExchangeUser.of(token);
    }

    /**
     * When the bearer token of the request being handled expires (its {@code exp}); empty without a token or without
     * an expiry. What a request authorised by it may do later (a live stream) ends then.
     */
    public Optional<Instant> tokenExpiresAt() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof Jwt token)) {
            return Optional.empty();
        }
        return Optional.ofNullable(token.getExpiresAt());
    }
}
