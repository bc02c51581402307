package org.eprescription.api.support;

import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Reads the event store itself, so a test sees what was appended rather than what a view shows. */
public final class StoredEvents {

    private final JdbcTemplate jdbc;

    public StoredEvents(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** How many events of this type (simple class name, e.g. PrescriptionDispensed) one prescription has. */
    public int count(String prescriptionId, String eventType) {
        Integer count = jdbc.queryForObject("""
                        SELECT count(*) FROM domainevententry
                        WHERE aggregateidentifier = ? AND payloadtype LIKE ?""",
                Integer.class, prescriptionId, "%." + eventType);
        return count == null ? 0 : count;
    }

    /** Every event of one prescription. */
    public int count(String prescriptionId) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Integer.class, prescriptionId);
        return count == null ? 0 : count;
    }

    /**
     * Stores a PrescriptionIssued exactly as revision 1 stored it (before exchange codes named their key), for patient
     * {@code PAT-R1-<id>} of HOSP-R1, with the code hash {@code <hashPrefix><id>}: what the upcasters must still read.
     */
    public void storeRevisionOneIssue(String id, String hashPrefix) {
        String payload = """
                {"prescriptionId":"%s","patient":{"id":"PAT-R1-%s","birthDate":"1958-04-02","name":null},\
                "prescriber":{"id":"DOC-17","institutionId":"HOSP-R1"},"lines":[{"lineNumber":1,\
                "drugCode":"2171022F1021","quantity":28,"unit":"tablet","dosage":"1 tablet once daily after breakfast",\
                "days":28}],"refills":0,"validUntil":"2099-12-02","exchangeCodeHash":"%s%s",\
                "acknowledgedAlerts":[],"issuedAt":"2026-11-29T08:36:26.138752315Z"}""".formatted(id, id, hashPrefix, id);
        String metadata = "{\"actorId\":\"DOC-17\",\"patientId\":\"PAT-R1-" + id + "\",\"actorRole\":\"PRESCRIBER\"}";
        jdbc.update("""
                        insert into domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier,
                            metadata, payload, payloadrevision, payloadtype, timestamp)
                        values (?, 0, 'Prescription', ?, ?, ?, '1',
                            'org.eprescription.core.prescription.event.PrescriptionIssued',
                            '2026-11-29T08:36:26.138752315Z')
                        """, id, UUID.randomUUID().toString(), metadata.getBytes(StandardCharsets.UTF_8),
                payload.getBytes(StandardCharsets.UTF_8));
    }
}
