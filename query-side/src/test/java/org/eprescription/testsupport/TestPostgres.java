package org.eprescription.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The PostgreSQL server on which this JVM's tests create their own databases (README, "Test it"):
 * <ol>
 *   <li>the server {@code TEST_PG_URL} (or {@code -Dtest.pg.url}) names, e.g. {@code jdbc:postgresql://db:5432/},
 *       as {@code TEST_PG_USER} / {@code TEST_PG_PASSWORD} (default {@code postgres}, no password); without it, the
 *       server at {@code 127.0.0.1:5432};</li>
 *   <li>if that server does not answer (or {@code TEST_PG_URL=embedded}), one embedded PostgreSQL started for this
 *       JVM, the one the application ships, on a free port with its data under {@code target/}, stopped and
 *       deleted when the JVM ends.</li>
 * </ol>
 * Databases created on a server of the machine's are dropped when the JVM ends.
 */
public final class TestPostgres {

    private static final String DEFAULT_SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String EMBEDDED = "embedded";

    private static final Set<String> created = ConcurrentHashMap.newKeySet();
    private static Server server;

    private TestPostgres() {
    }

    /** A new database named {@code prefix_<random>}, answering its name. */
    public static String createDatabase(String prefix) {
        String name = (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16))
                .toLowerCase(Locale.ROOT);
        execute("create database " + name);
        created.add(name);
        return name;
    }

    public static void dropDatabase(String name) {
        execute("drop database if exists " + name + " with (force)");
        created.remove(name);
    }

    /** The JDBC URL of the database {@code name} on this JVM's server. */
    public static String url(String name) {
        return server().base() + name;
    }

    public static String user() {
        return server().user();
    }

    public static String password() {
        return server().password();
    }

    private static void execute(String sql) {
        Server current = server();
        try (Connection connection = DriverManager.getConnection(current.base() + "postgres", current.user(),
                current.password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + current.base() + ": " + e.getMessage(), e);
        }
    }

    private static synchronized Server server() {
        if (server == null) {
            server = choose();
            Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::cleanUp, "test-postgres-clean-up"));
        }
        return server;
    }

    private static Server choose() {
        String configured = setting("test.pg.url", "TEST_PG_URL", DEFAULT_SERVER);
        if (!configured.equalsIgnoreCase(EMBEDDED)) {
            Server machine = new Server(configured.endsWith("/") ? configured : configured + "/",
                    setting("test.pg.user", "TEST_PG_USER", "postgres"),
                    setting("test.pg.password", "TEST_PG_PASSWORD", ""), null);
            String unreachable = unreachable(machine);
            if (unreachable == null) {
                return machine;
            }
            System.err.println("[test-postgres] no PostgreSQL at " + machine.base() + " (" + unreachable
                    + "): starting an embedded one for this test JVM (README, \"Test it\")");
        }
        return embedded();
    }

    /** Why the server cannot be used, or null when it answers. */
    private static String unreachable(Server candidate) {
        Properties properties = new Properties();
        properties.setProperty("user", candidate.user());
        properties.setProperty("password", candidate.password());
        properties.setProperty("connectTimeout", "3");
        properties.setProperty("loginTimeout", "5");
        try (Connection ignored = DriverManager.getConnection(candidate.base() + "postgres", properties)) {
            return null;
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    private static Server embedded() {
        try {
            Path data = Path.of("target", "test-postgres", UUID.randomUUID().toString()).toAbsolutePath();
            Files.createDirectories(data);
            // the shutdown hook below stops it once the databases are no longer needed
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(data)
                    .setCleanDataDirectory(true).setRegisterShutdownHook(false).start();
            System.err.println("[test-postgres] embedded PostgreSQL on port " + postgres.getPort() + ", data in "
                    + data);
            return new Server("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/", "postgres", "", postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the tests' embedded PostgreSQL", e);
        }
    }

    private static void cleanUp() {
        if (server.embedded() != null) {
            try {
                server.embedded().close();
            } catch (IOException ignored) {
                // the JVM is ending; the data directory is under target/
            }
            return;
        }
        for (String name : Set.copyOf(created)) {
            try {
                dropDatabase(name);
            } catch (RuntimeException ignored) {
                // the server may be gone at JVM exit; the name is unique, nothing else uses it
            }
        }
    }

    private static String setting(String property, String variable, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
        }
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private record Server(String base, String user, String password, EmbeddedPostgres embedded) {
    }
}
