package org.eprescription.api.config;

import org.eprescription.core.catalogue.CatalogueCsvLoader;
import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.code.ExchangeCodes;
import org.eprescription.core.interaction.InteractionChecker;
import org.eprescription.core.interaction.InteractionRules;
import org.eprescription.query.courses.CourseRecordRepository;
import org.eprescription.core.prescription.ValidUntilHorizon;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

/** The domain's collaborators: the clock, the drug catalogue, the exchange-code key and the validUntil horizon. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExchangeProperties.class)
public class DomainConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DomainConfiguration.class);
    private static final int MIN_KEY_LENGTH = 32;

    /** The system clock in the zone every node on the database agreed on ({@link RecordedZone}). */
    @Bean
    Clock clock(RecordedZone zone) {
        return Clock.system(zone.zone());
    }

    @Bean
    ValidUntilHorizon validUntilHorizon(ExchangeProperties properties) {
        return properties.validUntilHorizon() == null ? ValidUntilHorizon.DEFAULT
                : new ValidUntilHorizon(properties.validUntilHorizon());
    }

    @Bean
    DrugCatalogue drugCatalogue(ExchangeProperties properties) throws IOException {
        Path directory = properties.catalogue() == null ? null : properties.catalogue().directory();
        DrugCatalogue catalogue = directory == null || directory.toString().isBlank()
                ? CatalogueCsvLoader.bundledSample()
                : CatalogueCsvLoader.fromFiles(single(directory, "drug-catalogue"),
                        single(directory, "contraindicated-pairs"));
        log.info("Drug catalogue {} loaded: {} drugs, {} contraindicated pairs ({})", catalogue.version(),
                catalogue.size(), catalogue.contraindicatedPairs().size(),
                directory == null ? "bundled sample" : directory);
        return catalogue;
    }

    @Bean
    InteractionRules interactionRules(DrugCatalogue catalogue, ExchangeProperties properties) {
        return new InteractionRules(catalogue, properties.alerts() != null && properties.alerts().sameClassEnabled());
    }

    /**
     * The check issue and dispensing run before they record their events (docs/alerts.md), against the course
     * record kept in the commands' own transactions; none with {@code exchange.alerts.enabled=false}.
     */
    @Bean
    InteractionChecker interactionChecker(InteractionRules rules, CourseRecordRepository courseRecord,
                                          ExchangeProperties properties) {
        boolean enabled = properties.alerts() == null || properties.alerts().enabled();
        return enabled ? new InteractionChecker(rules, courseRecord) : InteractionChecker.disabled();
    }

    /**
     * The key {@code exchange-code-key} is k1, the first; {@code exchange-code-keys} adds others by id, and
     * {@code exchange-code-current-key} names the one new codes are derived with. The others stay for the codes
     * issued under them.
     */
    @Bean
    ExchangeCodes exchangeCodes(ExchangeProperties properties,
                                @Value("${spring.datasource.url:}") String datasourceUrl,
                                ObjectProvider<DataSource> dataSource) throws IOException {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        String first = properties.exchangeCodeKey();
        if ((first == null || first.isBlank()) && properties.embeddedDatabase() != null && datasourceUrl.isBlank()) {
            first = embeddedDatabaseKey(properties.embeddedDatabase().directory(), dataSource.getObject());
        }
        if (first != null && !first.isBlank()) {
            keys.put(ExchangeCodes.FIRST_KEY_ID, keyBytes(ExchangeCodes.FIRST_KEY_ID, first));
        }
        if (properties.exchangeCodeKeys() != null) {
            properties.exchangeCodeKeys().forEach((id, key) -> {
                if (keys.containsKey(id)) {
                    throw new IllegalStateException("exchange code key " + id + " is configured twice");
                }
                keys.put(id, keyBytes(id, key));
            });
        }
        String current = properties.exchangeCodeCurrentKey() == null || properties.exchangeCodeCurrentKey().isBlank()
                ? ExchangeCodes.FIRST_KEY_ID : properties.exchangeCodeCurrentKey();
        if (!keys.containsKey(current)) {
            throw new IllegalStateException("exchange.exchange-code-key (EXCHANGE_CODE_KEY) must be set when an "
                    + "external database is configured, and exchange.exchange-code-current-key (" + current
                    + ") must name a configured key: exchange codes of stored prescriptions depend on them");
        }
        return new ExchangeCodes(current, keys);
    }

    private static byte[] keyBytes(String id, String key) {
        if (key == null || key.length() < MIN_KEY_LENGTH) {
            throw new IllegalStateException("exchange code key " + id + " must have at least " + MIN_KEY_LENGTH
                    + " characters");
        }
        return key.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * With the embedded database, a key is created once and kept beside the data, readable by its owner only, so codes
     * survive restarts. A database that already holds events without its key (only the data restored, or the data
     * directory found from another working directory) is refused: a new key would make every exchange code in
     * circulation unknown (docs/operations.md, "Configuration that matters").
     */
    private static String embeddedDatabaseKey(Path dataDirectory, DataSource dataSource) throws IOException {
        Path keyFile = dataDirectory.toAbsolutePath().getParent().resolve("exchange-code.key");
        if (Files.exists(keyFile)) {
            ownerOnly(keyFile);
            return Files.readString(keyFile, StandardCharsets.UTF_8).strip();
        }
        if (holdsEvents(JdbcClient.create(dataSource))) {
            throw new IllegalStateException("The embedded database in " + dataDirectory.toAbsolutePath()
                    + " holds prescriptions but its exchange-code key " + keyFile + " is missing: restore the key "
                    + "file with the data, or set exchange.exchange-code-key (EXCHANGE_CODE_KEY) to it");
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String key = Base64.getEncoder().encodeToString(random);
        Files.createDirectories(keyFile.getParent());
        if (posix(keyFile)) {
            Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(keyFile, key, StandardCharsets.UTF_8);
        log.info("Created the exchange-code key for the embedded database at {}", keyFile);
        return key;
    }

    private static boolean holdsEvents(JdbcClient jdbc) {
        return jdbc.sql("select to_regclass('domainevententry') is not null").query(Boolean.class).single()
                && jdbc.sql("select exists (select 1 from domainevententry)").query(Boolean.class).single();
    }

    /** A key file an earlier release created with the default permissions is made its owner's alone. */
    private static void ownerOnly(Path file) throws IOException {
        if (posix(file)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static boolean posix(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static Path single(Path directory, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)
                            && f.getFileName().toString().endsWith(".csv"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + prefix + "*.csv in " + directory));
        }
    }
}
