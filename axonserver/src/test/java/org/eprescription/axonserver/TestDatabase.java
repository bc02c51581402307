package org.eprescription.axonserver;

import org.eprescription.api.storage.JapaneseDrugNamesMigration;
import org.eprescription.core.catalogue.CatalogueCsvLoader;
import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A new database on the machine's PostgreSQL (127.0.0.1:5432, user postgres), dropped when the JVM ends. */
final class TestDatabase {

    static final String SERVER = System.getenv().getOrDefault("TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/");
    static final String USER = System.getenv().getOrDefault("TEST_PG_USER", "postgres");

    private TestDatabase() {
    }

    static String create() {
        String name = "px_axonserver_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("create database " + name);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                execute("drop database if exists " + name + " with (force)");
            } catch (IllegalStateException ignored) {
                // the server may be gone at JVM exit; the name is unique, nothing else uses it
            }
        }));
        return SERVER + name;
    }

    /** The application's migrations, and the segments 0 and 1 of each processor with no token yet. */
    static void migrateWithProcessorTokens(String url, String... processors) {
        // the SQL migrations and the one written in Java (it needs the catalogue), as the application runs them
        Flyway.configure().dataSource(url, USER, "").locations("classpath:db/migration")
                .javaMigrations(new JapaneseDrugNamesMigration(CatalogueCsvLoader.bundledSample()))
                .load().migrate();
        try (Connection connection = DriverManager.getConnection(url, USER, "");
             PreparedStatement insert = connection.prepareStatement(
                     "insert into tokenentry (processorname, segment) values (?, ?)")) {
            for (String processor : processors) {
                for (int segment = 0; segment < 2; segment++) {
                    insert.setString(1, processor);
                    insert.setInt(2, segment);
                    insert.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + SERVER + " is needed: " + e.getMessage(), e);
        }
    }
}
