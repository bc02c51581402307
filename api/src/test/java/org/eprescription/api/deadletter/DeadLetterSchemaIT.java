package org.eprescription.api.deadletter;

import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.GenericDeadLetterTableFactory;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.IsolatedDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Flyway table for the dead letters is the one Axon's own table factory would create (with bytea for its BLOBs):
 * same columns, types, lengths, nullability and keys, so that an Axon upgrade that changes the shape fails here.
 */
class DeadLetterSchemaIT extends ExchangeIntegrationTest {

    private static final String COLUMNS = """
            SELECT column_name || ' ' || data_type || ' ' || coalesce(character_maximum_length::text, '-')
                   || ' ' || is_nullable
            FROM information_schema.columns WHERE table_name = 'deadletterentry' ORDER BY ordinal_position""";
    private static final String KEYS = """
            SELECT tc.constraint_type || ' ' || string_agg(kcu.column_name, ',' ORDER BY kcu.ordinal_position)
            FROM information_schema.table_constraints tc
            JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name
            WHERE tc.table_name = 'deadletterentry' AND tc.constraint_type IN ('PRIMARY KEY', 'UNIQUE')
            GROUP BY tc.constraint_name, tc.constraint_type ORDER BY 1""";

    @Autowired
    private JdbcClient migrated;

    @Test
    void theMigratedTableIsTheShapeAxonCreates() throws SQLException {
        String url = IsolatedDatabase.createAnother("px_dlq_schema");
        try (Connection connection = DriverManager.getConnection(url, IsolatedDatabase.user(),
                IsolatedDatabase.password())) {
            connection.setAutoCommit(true);
            try (Statement createTable = new PostgresTableFactory()
                    .createTableStatement(connection, DeadLetterSchema.defaultSchema())) {
                createTable.executeBatch();
            }
            JdbcClient axons = JdbcClient.create(new SingleConnectionDataSource(connection, true));

            List<String> expectedColumns = axons.sql(COLUMNS).query(String.class).list();
            assertThat(expectedColumns).hasSize(22);
            assertThat(migrated.sql(COLUMNS).query(String.class).list()).containsExactlyElementsOf(expectedColumns);
            assertThat(migrated.sql(KEYS).query(String.class).list())
                    .containsExactlyElementsOf(axons.sql(KEYS).query(String.class).list());
        }
    }

    /** Axon's generic factory, with PostgreSQL's bytea where it says BLOB (as the event store's tables have). */
    private static final class PostgresTableFactory extends GenericDeadLetterTableFactory {

        @Override
        protected String serializedDataType() {
            return "BYTEA";
        }
    }
}
