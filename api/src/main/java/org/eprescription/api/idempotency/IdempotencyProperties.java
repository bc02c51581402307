package org.eprescription.api.idempotency;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Idempotency-Key handling (prefix {@code exchange.idempotency}); defaults and reasons are in application.yml.
 *
 * @param waitForFirst  how long a retry waits for the first request with its key to finish before answering 409
 * @param abandonedAfter after this a still-running first request is taken for lost (its node died) and a retry runs
 * @param retention     how long answers are kept for retries
 * @param sweepInterval how often answers older than that are removed
 */
@ConfigurationProperties("exchange.idempotency")
public record IdempotencyProperties(Duration waitForFirst, Duration abandonedAfter, Duration retention,
                                    Duration sweepInterval) {
}
