package org.eprescription.query.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A throw-away database on the machine's PostgreSQL 15 (127.0.0.1:5432, user postgres, trust auth), migrated with
 * the module's own Flyway scripts, and dropped on {@link #close()}.
 */
public final class TestDatabase implements AutoCloseable {

    /** The same server and variables as the api's integration tests (README, "Test it"). */
    public static final String HOST = "jdbc:postgresql://" + env("TEST_PG_HOST", "127.0.0.1") + ":"
            + env("TEST_PG_PORT", "5432") + "/";
    public static final String USER = env("TEST_PG_USER", "postgres");
    private static final String PASSWORD = env("TEST_PG_PASSWORD", "");

    /** As Spring Boot configures the application's mapper: java.time as ISO text. */
    public static final ObjectMapper OBJECT_MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private final String name = "qs_test_" + UUID.randomUUID().toString().replace("-", "");
    private final DriverManagerDataSource dataSource;

    public TestDatabase() {
        admin("create database " + name);
        dataSource = new DriverManagerDataSource(HOST + name, USER, PASSWORD);
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
        admin("drop database if exists " + name + " with (force)");
    }

    private static void admin(String sql) {
        try (Connection connection = DriverManager.getConnection(HOST + "postgres", USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + HOST, e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
