package org.eprescription.query.prescription;

import org.axonframework.eventhandling.EventMessage;
import org.eprescription.core.code.CodeDerivation;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.event.PrescriptionEvent;
import org.eprescription.query.support.LeastRecentlyUsed;
import org.eprescription.query.support.ReplayBuffer;
import org.eprescription.query.support.SqlParameters;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * How {@link PrescriptionViewRepository} batches, in an event processor's batch and in a replay: the rows held in
 * memory while the events change them, read and written in batches instead of one statement per event, with the repository's own statements
 * (its select, its upsert and their parameters). The rows end up as the repository's statements one by one would
 * leave them.
 *
 * <ul>
 *   <li>Before a batch, the rows its events name that are not held yet are read with one statement (or found
 *   missing, which is remembered too).</li>
 *   <li>{@link #load} and {@link #save} work on the held rows: the same version guard as the upsert, and the exchange
 *   code hash kept from PrescriptionIssued as the upsert keeps the stored one.</li>
 *   <li>After a batch, the least recently used rows beyond {@code capacity} leave memory; changed ones are written
 *   first, with the repository's upsert, as one JDBC batch. {@link #flush} writes every changed row.</li>
 * </ul>
 * A row not held is read from the table, which is then up to date for it: rows are written before they leave memory.
 * Not thread-safe: one batch or replay, one thread.
 */
final class HeldViews implements ReplayBuffer {

    private static final int WRITE_BATCH = 1_000;
    /** Parsed once: an instance is made for every event processor batch. */
    private static final SqlParameters UPSERT = new SqlParameters(PrescriptionViewRepository.UPSERT);
    private static final String SELECT_MANY = PrescriptionViewRepository.SELECT.replace("select prescription_id,",
            "select exchange_code_hash, exchange_code_key_id, exchange_code_attempt, prescription_id,")
            + " where prescription_id = any(?)";

    private final JdbcTemplate jdbc;
    private final PrescriptionViewRepository repository;
    private final int capacity;
    /** Held rows, least recently used first; a held entry without a view is a row known not to exist. */
    private final LinkedHashMap<PrescriptionId, Row> rows = new LinkedHashMap<>(1024, 0.75f, true);

    HeldViews(JdbcTemplate jdbc, PrescriptionViewRepository repository, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.repository = Objects.requireNonNull(repository, "repository");
        this.capacity = capacity;
    }

    /**
     * A row as the table would hold it: the view (null: no row), its exchange code hash with the key and attempt
     * that derived the code (the key null in a row projected without them), and whether it changed.
     */
    private static final class Row {
        PrescriptionView view;
        String exchangeCodeHash;
        String exchangeCodeKeyId;
        Integer exchangeCodeAttempt;
        boolean changed;

        Row(PrescriptionView view, String exchangeCodeHash, String exchangeCodeKeyId, Integer exchangeCodeAttempt) {
            this.view = view;
            this.exchangeCodeHash = exchangeCodeHash;
            this.exchangeCodeKeyId = exchangeCodeKeyId;
            this.exchangeCodeAttempt = exchangeCodeAttempt;
        }

        /** What the upsert writes beside the view: the code, or what the row holds (null: no key known). */
        IssuedCode issuedCode() {
            return exchangeCodeHash == null ? null : new IssuedCode(exchangeCodeHash, exchangeCodeKeyId == null
                    || exchangeCodeAttempt == null ? null : new CodeDerivation(exchangeCodeKeyId, exchangeCodeAttempt));
        }
    }

    @Override
    public void beforeBatch(List<? extends EventMessage<?>> batch) {
        Set<PrescriptionId> missing = new LinkedHashSet<>();
        for (EventMessage<?> event : batch) {
            if (PrescriptionEvent.class.isAssignableFrom(event.getPayloadType())
                    && event.getPayload() instanceof PrescriptionEvent prescriptionEvent
                    && !rows.containsKey(prescriptionEvent.prescriptionId())) {
                missing.add(prescriptionEvent.prescriptionId());
            }
        }
        read(missing);
    }

    Optional<PrescriptionView> load(PrescriptionId prescriptionId) {
        return Optional.ofNullable(row(prescriptionId).view);
    }

    boolean save(PrescriptionView view, IssuedCode issuedCode) {
        Row row = row(view.prescriptionId());
        if (row.view != null && row.view.version() >= view.version()) {
            return false;
        }
        if (issuedCode != null) {
            row.exchangeCodeHash = issuedCode.hash();
            row.exchangeCodeKeyId = issuedCode.derivation() == null ? null : issuedCode.derivation().keyId();
            row.exchangeCodeAttempt = issuedCode.derivation() == null ? null : issuedCode.derivation().attempt();
        }
        if (row.exchangeCodeHash == null) {
            // what the upsert's not-null exchange_code_hash would refuse, refused at the event that caused it
            throw new IllegalStateException("prescription " + view.prescriptionId()
                    + " has no row yet and no exchange code hash to create one with");
        }
        row.view = view;
        row.changed = true;
        return true;
    }

    @Override
    public void afterBatch() {
        if (rows.size() <= capacity) {
            return;
        }
        List<Row> leaving = new ArrayList<>();
        LeastRecentlyUsed.shrink(rows, capacity, row -> {
            if (row.changed) {
                leaving.add(row);
            }
        });
        write(leaving);
    }

    @Override
    public void flush() {
        List<Row> changed = new ArrayList<>();
        for (Row row : rows.values()) {
            if (row.changed) {
                changed.add(row);
            }
        }
        write(changed);
    }

    /** The held row, or the table's (the table is up to date for a row that is not held). */
    private Row row(PrescriptionId prescriptionId) {
        Row row = rows.get(prescriptionId);
        if (row == null) {
            read(List.of(prescriptionId));
            row = rows.get(prescriptionId);
        }
        return row;
    }

    private void read(Collection<PrescriptionId> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Map<PrescriptionId, Row> found = jdbc.execute((ConnectionCallback<Map<PrescriptionId, Row>>) connection -> {
            Array array = connection.createArrayOf("uuid", ids.stream().map(PrescriptionId::value).toArray(UUID[]::new));
            try (PreparedStatement statement = connection.prepareStatement(SELECT_MANY)) {
                statement.setArray(1, array);
                Map<PrescriptionId, Row> result = new LinkedHashMap<>();
                try (ResultSet rs = statement.executeQuery()) {
                    int n = 0;
                    while (rs.next()) {
                        PrescriptionView view = repository.mapRow(rs, n++);
                        Object attempt = rs.getObject("exchange_code_attempt");
                        result.put(view.prescriptionId(), new Row(view, rs.getString("exchange_code_hash"),
                                rs.getString("exchange_code_key_id"), attempt == null ? null : rs.getInt(
                                        "exchange_code_attempt")));
                    }
                }
                return result;
            } finally {
                array.free();
            }
        });
        for (PrescriptionId id : ids) {
            Row row = found.get(id);
            rows.put(id, row != null ? row : new Row(null, null, null, null));
        }
    }

    private void write(List<Row> changed) {
        if (changed.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(UPSERT.sql(), changed, WRITE_BATCH,
                (statement, row) -> UPSERT.bind(statement, repository.parameters(row.view, row.issuedCode())));
        changed.forEach(row -> row.changed = false);
    }
}
