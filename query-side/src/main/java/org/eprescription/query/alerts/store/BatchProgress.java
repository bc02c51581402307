package org.eprescription.query.alerts.store;

import org.axonframework.eventhandling.EventMessage;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.event.PrescriptionEvent;
import org.eprescription.query.support.ReplayBuffer;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The alert projection's progress ({@code alert_progress}) for one event processor batch: the progress of the batch's
 * prescriptions read in one statement before the first event is handled, advanced in memory as events are processed,
 * and written in one statement before the batch commits, instead of an upsert per event. An event is recorded as
 * processed only after its handling succeeded ({@link #advance}), so a failed, dead-lettered event leaves its
 * prescription's progress where it was. Not thread-safe: one batch, one thread.
 */
public final class BatchProgress implements ReplayBuffer {

    private static final String UPSERT_MANY = """
            insert into alert_progress (prescription_id, version)
            select id, version from unnest(cast(:ids as uuid[]), cast(:versions as bigint[])) as p(id, version)
            on conflict (prescription_id) do update set version = excluded.version
            where alert_progress.version < excluded.version
            """;

    private final JdbcClient jdbc;
    /** Progress known for this batch: as stored (-1 for none), or as advanced by its events. */
    private final Map<PrescriptionId, Long> versions = new HashMap<>();
    private final Map<PrescriptionId, Long> advanced = new LinkedHashMap<>();

    BatchProgress(JdbcClient jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    }

    @Override
    public void beforeBatch(List<? extends EventMessage<?>> batch) {
        Set<PrescriptionId> named = new LinkedHashSet<>();
        for (EventMessage<?> event : batch) {
            if (event.getPayload() instanceof PrescriptionEvent prescriptionEvent
                    && !versions.containsKey(prescriptionEvent.prescriptionId())) {
                named.add(prescriptionEvent.prescriptionId());
            }
        }
        read(named);
    }

    /** Whether the event at {@code sequence} of the prescription is not processed yet. */
    public boolean isAhead(PrescriptionId prescriptionId, long sequence) {
        if (!versions.containsKey(prescriptionId)) {
            read(List.of(prescriptionId));
        }
        return sequence > versions.get(prescriptionId);
    }

    /** The event at {@code sequence} of the prescription is processed: written with the batch. */
    public void advance(PrescriptionId prescriptionId, long sequence) {
        if (isAhead(prescriptionId, sequence)) {
            versions.put(prescriptionId, sequence);
            advanced.put(prescriptionId, sequence);
        }
    }

    @Override
    public void flush() {
        if (advanced.isEmpty()) {
            return;
        }
        jdbc.sql(UPSERT_MANY)
                .param("ids", advanced.keySet().stream().map(id -> id.value().toString()).toArray(String[]::new))
                .param("versions", advanced.values().toArray(Long[]::new))
                .update();
        advanced.clear();
    }

    private void read(Collection<PrescriptionId> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("select prescription_id, version from alert_progress where prescription_id = any(cast(:ids as uuid[]))")
                .param("ids", ids.stream().map(id -> id.value().toString()).toArray(String[]::new))
                .query((rs, row) -> versions.put(new PrescriptionId(rs.getObject("prescription_id", UUID.class)),
                        rs.getLong("version")))
                .list();
        ids.forEach(id -> versions.putIfAbsent(id, -1L));
    }
}
