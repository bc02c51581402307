package org.eprescription.api.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * One fresh PostgreSQL database per test JVM on the machine's server (default 127.0.0.1:5432, user postgres,
 * overridable with TEST_PG_HOST / TEST_PG_PORT / TEST_PG_USER / TEST_PG_PASSWORD), dropped when the JVM ends, so
 * that test runs never see each other's data.
 */
public final class IsolatedDatabase {

    private static final String HOST = env("TEST_PG_HOST", "127.0.0.1");
    private static final String PORT = env("TEST_PG_PORT", "5432");
    private static final String USER = env("TEST_PG_USER", "postgres");
    private static final String PASSWORD = env("TEST_PG_PASSWORD", "");

    private static String name;

    private IsolatedDatabase() {
    }

    public static synchronized String url() {
        if (name == null) {
            name = "px_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
            execute("CREATE DATABASE " + name);
            String created = name;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> dropQuietly(created)));
        }
        return jdbcUrl(name);
    }

    /** Another new database, for a test that needs a store of its own (e.g. restarts). */
    public static String createAnother(String prefix) {
        String another = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE DATABASE " + another);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> dropQuietly(another)));
        return jdbcUrl(another);
    }

    public static String user() {
        return USER;
    }

    public static String password() {
        return PASSWORD;
    }

    private static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + HOST + ":" + PORT + " is needed for integration tests: "
                    + e.getMessage(), e);
        }
    }

    private static void dropQuietly(String database) {
        try {
            execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (RuntimeException ignored) {
            // the server may already be gone at JVM exit; the database name is unique, nothing else uses it
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
