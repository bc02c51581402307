package org.eprescription.api.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

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
}
