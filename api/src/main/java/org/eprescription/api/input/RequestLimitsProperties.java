package org.eprescription.api.input;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what one request may send (prefix {@code exchange.request-limits}); defaults and reasons are in
 * application.yml.
 *
 * @param maxBodySize the largest request body under /api; a larger one is refused with 413 before it is parsed
 */
@ConfigurationProperties("exchange.request-limits")
public record RequestLimitsProperties(DataSize maxBodySize) {
}
