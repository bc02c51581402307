package org.eprescription.query.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.eprescription.testsupport.TestPostgres;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;

/**
 * A throw-away database on the tests' PostgreSQL ({@link TestPostgres}), migrated with the module's own Flyway
 * scripts, and dropped on {@link #close()}.
 */
public final class TestDatabase implements AutoCloseable {

    /** As Spring Boot configures the application's mapper: java.time as ISO text. */
    public static final ObjectMapper OBJECT_MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private final String name = TestPostgres.createDatabase("qs_test");
    private final DriverManagerDataSource dataSource =
            new DriverManagerDataSource(TestPostgres.url(name), TestPostgres.user(), TestPostgres.password());

    public TestDatabase() {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }

    public JdbcClient jdbcClient() {
        return JdbcClient.create(dataSource);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        TestPostgres.dropDatabase(name);
    }
}
