package org.eprescription.api.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;

/**
 * The exchange's own settings (prefix {@code exchange}); defaults and the reason for each are in application.yml.
 */
@ConfigurationProperties("exchange")
public record ExchangeProperties(ZoneId zone, String exchangeCodeKey, Catalogue catalogue,
                                 EmbeddedDatabase embeddedDatabase, Expiry expiry, Views views,
                                 Alerts alerts, Export export) {

    public record Catalogue(Path directory) {
    }

    public record EmbeddedDatabase(Path directory, int port) {
    }

    public record Expiry(Duration sweepInterval, int batchSize) {
    }

    public record Alerts(boolean enabled, boolean sameClassEnabled) {
    }

    /** @param pseudonymKey the HMAC key of the pseudonyms in the secondary-use export; blank = export refused */
    public record Export(String pseudonymKey) {
    }

    public record Views(Duration readYourWritesTimeout, Duration remotePollInterval) {
    }
}
