package org.eprescription.api.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.time.ZoneId;
import java.util.Map;

/**
 * The exchange's own settings (prefix {@code exchange}); defaults and the reason for each are in application.yml.
 */
@ConfigurationProperties("exchange")
public record ExchangeProperties(ZoneId zone, ZoneId legacyEventZone, String exchangeCodeKey, Map<String, String> exchangeCodeKeys,
                                 String exchangeCodeCurrentKey, Period validUntilHorizon, Catalogue catalogue,
                                 EmbeddedDatabase embeddedDatabase, Expiry expiry, Views views,
                                 Alerts alerts, Export export, Streams streams) {

    /** Whether interaction checks run and the medication list and alerts are kept (the default). */
    public boolean alertsEnabled() {
        return alerts == null || alerts.enabled();
    }

    public record Catalogue(Path directory) {
    }

    public record EmbeddedDatabase(Path directory, int port) {
    }

    public record Expiry(Duration sweepInterval, int batchSize) {
        public Expiry {
            if (batchSize < 1) {
                // 0 (the key missing or misplaced) would page with "limit 0": nothing would ever expire, silently
                throw new IllegalArgumentException("exchange.expiry.batch-size must be at least 1, was " + batchSize);
            }
        }
    }

    public record Alerts(boolean enabled, boolean sameClassEnabled) {
    }

    /** @param pseudonymKey the HMAC key of the pseudonyms in the secondary-use export; blank = export refused */
    public record Export(String pseudonymKey) {
    }

    public record Views(Duration readYourWritesTimeout, Duration remotePollInterval) {
    }

    /**
     * The live views (Server-Sent Events).
     *
     * @param heartbeat     how often an idle stream sends a comment line
     * @param bufferSize    changes one stream may have waiting for its client before it is closed
     * @param timeout       how long one connection lasts before the client reconnects
     * @param writerThreads threads that write to clients; a client that stops reading holds one
     */
    public record Streams(Duration heartbeat, int bufferSize, Duration timeout, int writerThreads) {
    }
}
