package org.eprescription.api.support;

import org.eprescription.testsupport.TestPostgres;

/**
 * One fresh PostgreSQL database per test JVM on the tests' server ({@link TestPostgres}: a configured or local one,
 * else an embedded one), dropped when the JVM ends, so that test runs never see each other's data.
 */
public final class IsolatedDatabase {

    private static String name;

    private IsolatedDatabase() {
    }

    public static synchronized String url() {
        if (name == null) {
            name = TestPostgres.createDatabase("px_it");
        }
        return TestPostgres.url(name);
    }

    /** Another new database, for a test that needs a store of its own (e.g. restarts). */
    public static String createAnother(String prefix) {
        return TestPostgres.url(TestPostgres.createDatabase(prefix));
    }

    public static String user() {
        return TestPostgres.user();
    }

    public static String password() {
        return TestPostgres.password();
    }
}
