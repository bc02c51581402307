package org.eprescription.query.rebuild;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies of a projection's tables in a schema of their own, filled by a detached instance of the projection's handlers
 * and then compared with the live tables or swapped in for them.
 *
 * <p>The handlers' SQL names no schema, so a batch runs in a transaction whose {@code search_path} is the scratch
 * schema alone: the batch writes the copies, and a statement that reached for any other table would fail rather than
 * touch the live view.
 */
@Component
public class ScratchTables {

    /** Where verify builds its copies. */
    public static final String VERIFY_SCHEMA = "projection_verify";
    /** Where a replay builds the tables that replace the live ones. */
    public static final String REBUILD_SCHEMA = "projection_rebuild";
    private static final String RETIRED_SCHEMA = "projection_retired";

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final TransactionTemplate ownTransaction;

    public ScratchTables(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The schema of the live tables (where Flyway created them). */
    public String liveSchema() {
        return jdbc.sql("select current_schema()").query(String.class).single();
    }

    /**
     * Empty copies of the projection's live tables in {@code schema}: columns, constraints and index names; a table
     * {@link ProjectionTable#seededFrom seeded} starts with the rows of its seed.
     */
    public void create(String schema, ProjectionDefinition projection) {
        String live = liveSchema();
        transaction.executeWithoutResult(status -> {
            createSchema(schema);
            for (ProjectionTable table : projection.tables()) {
                jdbc.sql("drop table if exists " + schema + "." + table.name()).update();
                jdbc.sql("create table " + schema + "." + table.name()
                        + " (like " + live + "." + table.name() + " including all)").update();
                nameIndexesAsLive(schema, live, table.name());
                if (table.seededFrom() != null) {
                    seed(schema, live, table);
                }
            }
        });
    }

    private void seed(String schema, String live, ProjectionTable table) {
        String columns = jdbc.sql("""
                        select string_agg(quote_ident(column_name), ', ' order by ordinal_position)
                          from information_schema.columns where table_schema = :schema and table_name = :table""")
                .param("schema", live).param("table", table.seededFrom())
                .query(String.class).optional().orElse(null);
        if (columns != null) {
            jdbc.sql("insert into " + schema + "." + table.name() + " (" + columns + ") select " + columns
                    + " from " + live + "." + table.seededFrom()).update();
        }
    }

    public void drop(String schema, ProjectionDefinition projection) {
        transaction.executeWithoutResult(status -> projection.tables()
                .forEach(table -> jdbc.sql("drop table if exists " + schema + "." + table.name()).update()));
    }

    /**
     * Runs {@code work} in one transaction of its own (also when called inside another, which waits meanwhile: a swap
     * holding the live tables locked) that sees the tables of {@code schema} only. Its commit does not wait for
     * the disk: the copies only matter once a later transaction swaps them in or compares them, and that commit
     * (an ordinary one) makes everything written before it durable too.
     */
    public void inSchema(String schema, Runnable work) {
        ownTransaction.executeWithoutResult(status -> {
            jdbc.sql("set local search_path to " + schema).update();
            jdbc.sql("set local synchronous_commit to off").update();
            work.run();
        });
    }

    /**
     * Gives the planner statistics of the copies as they are now. Copies are created empty and filled faster than
     * autovacuum analyzes them; without statistics a lookup of a batch's thousands of keys is planned as a scan of
     * the whole table, so every batch would read every row written so far. Call it inside {@link #inSchema}.
     */
    public void analyze(String schema, ProjectionDefinition projection) {
        projection.tables().forEach(table -> jdbc.sql("analyze " + schema + "." + table.name()).update());
    }

    /**
     * Puts the copies in {@code schema} in place of the live tables and drops the old ones. Call it inside the
     * transaction that also moves the live processor's position, so that both happen or neither.
     */
    public void swapIntoLive(String schema, ProjectionDefinition projection) {
        String live = liveSchema();
        createSchema(RETIRED_SCHEMA);
        for (ProjectionTable table : projection.tables()) {
            jdbc.sql("drop table if exists " + RETIRED_SCHEMA + "." + table.name()).update();
            jdbc.sql("alter table " + live + "." + table.name() + " set schema " + RETIRED_SCHEMA).update();
            jdbc.sql("alter table " + schema + "." + table.name() + " set schema " + live).update();
            jdbc.sql("drop table " + RETIRED_SCHEMA + "." + table.name()).update();
        }
    }

    /**
     * {@code create schema if not exists} is not safe against itself: two replays (of different projections, on this
     * node or another) creating the schema at once would see one fail on the catalogue's unique index. A lock on the
     * schema's name, held to the end of the caller's transaction, lets one create it and the other find it.
     */
    private void createSchema(String schema) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(:name))").param("name", "exchange schema " + schema)
                .query((row, n) -> true).list();
        jdbc.sql("create schema if not exists " + schema).update();
    }

    /**
     * {@code like ... including all} names the copied indexes after their columns; renamed to the live names, the
     * tables that replace the live ones keep the index names the migrations gave them.
     */
    private void nameIndexesAsLive(String schema, String live, String table) {
        Map<String, String> liveNameByShape = indexNamesByShape(live, table);
        Map<String, String> copyNameByShape = indexNamesByShape(schema, table);
        Map<String, String> renames = new HashMap<>();
        copyNameByShape.forEach((shape, copyName) -> {
            String liveName = liveNameByShape.get(shape);
            if (liveName != null && !liveName.equals(copyName)) {
                renames.put(copyName, liveName);
            }
        });
        // through temporary names, so that no rename meets a name another copied index still has
        int n = 0;
        Map<String, String> temporary = new HashMap<>();
        for (String copyName : renames.keySet()) {
            String temp = table + "_swap_" + n++;
            jdbc.sql("alter index " + schema + "." + copyName + " rename to " + temp).update();
            temporary.put(temp, renames.get(copyName));
        }
        temporary.forEach((temp, liveName) ->
                jdbc.sql("alter index " + schema + "." + temp + " rename to " + liveName).update());
    }

    private Map<String, String> indexNamesByShape(String schema, String table) {
        List<Map.Entry<String, String>> indexes = jdbc.sql("""
                        select i.relname as name,
                               x.indisprimary || ' ' || x.indisunique || ' '
                                   || substring(pg_get_indexdef(i.oid) from ' USING .*$') as shape
                          from pg_index x
                          join pg_class i on i.oid = x.indexrelid
                          join pg_class t on t.oid = x.indrelid
                          join pg_namespace n on n.oid = t.relnamespace
                         where n.nspname = :schema and t.relname = :table
                        """)
                .param("schema", schema)
                .param("table", table)
                .query((rs, row) -> Map.entry(rs.getString("shape"), rs.getString("name")))
                .list();
        Map<String, String> byShape = new HashMap<>();
        indexes.forEach(entry -> byShape.put(entry.getKey(), entry.getValue()));
        return byShape;
    }
}
