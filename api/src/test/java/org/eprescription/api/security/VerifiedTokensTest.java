package org.eprescription.api.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    private final List<String> verifiedByTheKey = new ArrayList<>();
    private final MutableClock clock = new MutableClock(NOW);

    /** Stands for the identity provider's decoder: "good-*" tokens verify and expire in 10 minutes. */
    private final JwtDecoder provider = token -> {
        verifiedByTheKey.add(token);
        if (!token.startsWith("good-")) {
            throw new BadJwtException("signature does not verify");
        }
        return Jwt.withTokenValue(token).header("alg", "RS256").subject(token.substring(5))
                .issuedAt(NOW).expiresAt(NOW.plus(Duration.ofMinutes(10))).build();
    };

    @Test
    void aTokenSentAgainIsNotVerifiedAgain() {
        VerifiedTokens tokens = new VerifiedTokens(provider, clock, 100, Duration.ofMinutes(5));

        Jwt first = tokens.decode("good-DOC-1");
        Jwt again = tokens.decode("good-DOC-1");
        Jwt other = tokens.decode("good-DOC-2");

        assertThat(again.getSubject()).isEqualTo("DOC-1");
        assertThat(again).isSameAs(first);
        assertThat(other.getSubject()).isEqualTo("DOC-2");
        assertThat(verifiedByTheKey).containsExactly("good-DOC-1", "good-DOC-2");
    }

    @Test
    void aTokenThatFailsIsJudgedEveryTime() {
        VerifiedTokens tokens = new VerifiedTokens(provider, clock, 100, Duration.ofMinutes(5));

        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);

        assertThat(verifiedByTheKey).containsExactly("forged", "forged");
    }

    @Test
    void aRememberedTokenPastItsExpiryGoesBackToTheDecoder() {
        VerifiedTokens tokens = new VerifiedTokens(provider, clock, 100, Duration.ofHours(1));
        tokens.decode("good-DOC-1");

        clock.now = NOW.plus(Duration.ofMinutes(10));
        tokens.decode("good-DOC-1");

        assertThat(verifiedByTheKey).containsExactly("good-DOC-1", "good-DOC-1");
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
