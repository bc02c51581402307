package org.eprescription.api.pharmacy;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The lock-outs that keep exchange codes and birth dates from being guessed (prefix
 * {@code exchange.accept-attempts}); defaults and reasons are in application.yml.
 *
 * @param limit     failed accepts (unknown code or wrong birth date) within {@code window} that lock the pharmacy out
 * @param window    the span in which {@code limit} failures count as guessing
 * @param lockOut   how long the pharmacy's accepts are refused after the failure that reached the limit
 * @param birthDate the lock of one prescription's accepts after right codes with wrong birth dates, from any pharmacy
 */
@ConfigurationProperties("exchange.accept-attempts")
public record AcceptAttemptsProperties(int limit, Duration window, Duration lockOut, Rule birthDate) {

    public AcceptAttemptsProperties {
        if (limit < 1 || window == null || window.isNegative() || lockOut == null || lockOut.isNegative()) {
            throw new IllegalArgumentException("exchange.accept-attempts needs a limit of at least 1, a window and a "
                    + "lock-out");
        }
        if (birthDate == null) {
            birthDate = new Rule(5, Duration.ofHours(1), Duration.ofMinutes(15));
        }
    }

    /** The pharmacy's rule as a {@link Rule}. */
    Rule pharmacy() {
        return new Rule(limit, window, lockOut);
    }

    /** How far back failures still matter: one may start a window whose lock-out has not ended yet. */
    Duration memory() {
        Duration pharmacy = window.plus(lockOut);
        Duration prescription = birthDate.window().plus(birthDate.lockOut());
        return pharmacy.compareTo(prescription) >= 0 ? pharmacy : prescription;
    }

    /**
     * @param limit   failures within {@code window} that lock
     * @param window  the span in which they count
     * @param lockOut how long the lock holds after the failure that reached the limit
     */
    public record Rule(int limit, Duration window, Duration lockOut) {

        public Rule {
            if (limit < 1 || window == null || window.isNegative() || lockOut == null || lockOut.isNegative()) {
                throw new IllegalArgumentException("exchange.accept-attempts.birth-date needs a limit of at least 1, "
                        + "a window and a lock-out");
            }
        }
    }
}
