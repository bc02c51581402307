package org.eprescription.query.rebuild;

import org.eprescription.query.testsupport.TestDatabase;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import static org.assertj.core.api.Assertions.assertThat;

/** Scratch tables of two projections made at the same moment, as two replays started together make them. */
class ScratchTablesIT {

    private static final ProjectionDefinition VIEW = new ProjectionDefinition("prescription-view",
            List.of(new ProjectionTable("prescription_view", List.of("prescription_id"))), () -> null);
    private static final ProjectionDefinition ALERTS = new ProjectionDefinition("medication-alerts",
            List.of(new ProjectionTable("medication_course", List.of("prescription_id", "line_number", "use_number")),
                    new ProjectionTable("alert_progress", List.of("prescription_id"))), () -> null);

    @AutoClose
    private static TestDatabase database;
    private static JdbcClient jdbc;
    private static ScratchTables scratch;

    @BeforeAll
    static void database() {
        database = new TestDatabase();
        jdbc = database.jdbcClient();
        scratch = new ScratchTables(jdbc, new DataSourceTransactionManager(database.dataSource()));
    }

    @Test
    void twoProjectionsCreateTheirCopiesInOneNewSchemaAtOnce() throws Exception {
        for (int attempt = 0; attempt < 10; attempt++) {
            String schema = "together_" + attempt;
            CyclicBarrier start = new CyclicBarrier(2);
            CompletableFuture<Void> view = CompletableFuture.runAsync(() -> createAfter(start, schema, VIEW));
            CompletableFuture<Void> alerts = CompletableFuture.runAsync(() -> createAfter(start, schema, ALERTS));

            view.get();
            alerts.get();

            assertThat(tablesIn(schema)).containsExactlyInAnyOrder("prescription_view", "medication_course",
                    "alert_progress");
        }
    }

    private static void createAfter(CyclicBarrier start, String schema, ProjectionDefinition projection) {
        try {
            start.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        scratch.create(schema, projection);
    }

    private static List<String> tablesIn(String schema) {
        return jdbc.sql("select table_name from information_schema.tables where table_schema = :schema")
                .param("schema", schema).query(String.class).list();
    }
}
