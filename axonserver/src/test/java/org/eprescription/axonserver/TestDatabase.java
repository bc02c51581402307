package org.eprescription.axonserver;

import org.eprescription.api.storage.JapaneseDrugNamesMigration;
import org.eprescription.core.catalogue.CatalogueCsvLoader;
import org.eprescription.testsupport.TestPostgres;
import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** A new database on the tests' PostgreSQL ({@link TestPostgres}), dropped when the JVM ends. */
final class TestDatabase {

    private TestDatabase() {
    }

    static String create() {
        return TestPostgres.url(TestPostgres.createDatabase("px_axonserver"));
    }

    /** The application's migrations, and the segments 0 and 1 of each processor with no token yet. */
    static void migrateWithProcessorTokens(String url, String... processors) {
        // the SQL migrations and the one written in Java (it needs the catalogue), as the application runs them
        Flyway.configure().dataSource(url, TestPostgres.user(), TestPostgres.password())
                .locations("classpath:db/migration")
                .javaMigrations(new JapaneseDrugNamesMigration(CatalogueCsvLoader.bundledSample()))
                .load().migrate();
        try (Connection connection = DriverManager.getConnection(url, TestPostgres.user(),
                TestPostgres.password());
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
}
