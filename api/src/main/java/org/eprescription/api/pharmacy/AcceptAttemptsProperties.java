package org.eprescription.api.pharmacy;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The lock-out of a pharmacy that guesses exchange codes (prefix {@code exchange.accept-attempts}); defaults and
 * reasons are in application.yml.
 *
 * @param limit    failed accepts (unknown code or wrong birth date) within {@code window} that lock the pharmacy out
 * @param window   the span in which {@code limit} failures count as guessing
 * @param lockOut  how long the pharmacy's accepts are refused after the failure that reached the limit
 */
@ConfigurationProperties("exchange.accept-attempts")
public record AcceptAttemptsProperties(int limit, Duration window, Duration lockOut) {

    public AcceptAttemptsProperties {
        if (limit < 1 || window == null || window.isNegative() || lockOut == null || lockOut.isNegative()) {
            throw new IllegalArgumentException("exchange.accept-attempts needs a limit of at least 1, a window and a "
                    + "lock-out");
        }
    }

    /** How far back failures still matter: one may start a window whose lock-out has not ended yet. */
    Duration memory() {
        return window.plus(lockOut);
    }
}
