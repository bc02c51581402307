package org.eprescription.query.alerts.store;

import org.eprescription.query.support.ConsentColumns;
import org.eprescription.query.support.CourseColumns;
import org.eprescription.query.support.JsonColumns;
import org.eprescription.query.support.RegistrantColumns;
import org.eprescription.query.support.SqlTimestamps;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.interaction.AlertType;
import org.eprescription.core.interaction.Severity;
import org.eprescription.core.interaction.MedicationCourse;
import org.eprescription.core.ids.Party;
import org.eprescription.query.support.ReplayBuffer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The tables of migration V20 ({@code medication_course}, {@code medication_alert}, {@code patient_consent},
 * {@code alert_progress}) through {@link JdbcClient}. Conflicts and acknowledgements are jsonb, written and read with
 * the application's {@link ObjectMapper}. One bean, shared by the projection and the queries.
 *
 * <p>The one store the projection writes through, live and in a replay. Live (the bean), each call is a statement, so
 * that each event's writes stand alone in its savepoint; only the progress is held for the batch
 * ({@link #batchProgress}, written before the batch commits). A replay's instance ({@link #forReplay}) batches the same
 * statements: it holds the rows of the patients its events touch and writes them as JDBC batches
 * ({@link HeldPatients}), driven by the replay through {@link #replayBuffer()}.
 */
@Repository
public class AlertRepository {

    /** Patients a replay holds at most between batches. */
    public static final int REPLAY_PATIENTS = 20_000;
    /** Prescriptions whose progress a replay holds at most between batches. */
    public static final int REPLAY_PRESCRIPTIONS = 100_000;

    static final String SELECT_COURSE = CourseColumns.select("medication_course");

    static final String SELECT_ALERT = """
            select alert_id, patient_id, prescription_id, dispensing_record_id, line_number, type, severity, status,
                   drug_code, alert_key, ingredient, institution_id, prescriber_id, conflicts, acknowledgements, raised_at,
                   resolved_at, registrant_role, registrant_id, registrant_organisation
              from medication_alert
            """;

    static final String UPSERT_PROGRESS = """
            insert into alert_progress (prescription_id, version) values (:id, :version)
            on conflict (prescription_id) do update set version = excluded.version
            where alert_progress.version < excluded.version
            """;

    /** A prescription's course inserted, or its drug, dates and status set. */
    static final String UPSERT_COURSE = CourseColumns.upsertPrescriptionCourse("medication_course");

    /** The same for a registered dispensing record's course. */
    static final String UPSERT_RECORD_COURSE = CourseColumns.upsertRecordCourse("medication_course");

    private static final String INSERT_ALERT = """
            insert into medication_alert (alert_id, patient_id, prescription_id, dispensing_record_id, line_number,
                type, severity, status, drug_code, alert_key, ingredient, institution_id, prescriber_id, conflicts,
                acknowledgements, raised_at, resolved_at, registrant_role, registrant_id, registrant_organisation)
            values (:alertId, :patient, :prescriptionId, :recordId, :line, :type, :severity, :status, :drug, :key,
                :ingredient, :institution, :prescriber, cast(:conflicts as jsonb),
                cast(:acknowledgements as jsonb), :raisedAt, :resolvedAt, :registrantRole, :registrantId,
                :registrantOrganisation)
            """;

    /** New alerts inserted; existing ones get the status, conflicts and acknowledgements given. */
    static final String UPSERT_ALERT = INSERT_ALERT + """
            on conflict (alert_id) do update set
                status = excluded.status,
                resolved_at = excluded.resolved_at,
                conflicts = excluded.conflicts,
                acknowledgements = excluded.acknowledgements
            """;

    static final String UPSERT_CONSENT = ConsentColumns.upsert("patient_consent");

    /** How a prescription's alerts are listed. */
    private static final Comparator<StoredAlert> BY_LINE_TYPE_AND_KEY = Comparator.comparingInt(StoredAlert::lineNumber)
            .thenComparing(StoredAlert::type)
            .thenComparing(StoredAlert::key);

    private final JdbcClient jdbc;
    private final JsonColumns json;
    /** Null live: every call is its statement. */
    private final HeldPatients held;

    @Autowired
    public AlertRepository(JdbcClient jdbc, ObjectMapper objectMapper) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.json = new JsonColumns(objectMapper);
        this.held = null;
    }

    private AlertRepository(JdbcTemplate jdbc, ObjectMapper objectMapper, int patients, int prescriptions) {
        this.jdbc = JdbcClient.create(jdbc);
        this.json = new JsonColumns(objectMapper);
        this.held = new HeldPatients(jdbc, this, patients, prescriptions);
    }

    /**
     * A store for one replay (one thread), writing wherever the replay's transactions point the search path: up to
     * {@code patients} patients' rows and {@code prescriptions} prescriptions' progress held between batches.
     */
    public static AlertRepository forReplay(JdbcTemplate jdbc, ObjectMapper objectMapper, int patients,
                                            int prescriptions) {
        if (patients < 1 || prescriptions < 1) {
            throw new IllegalArgumentException("capacities must be positive");
        }
        return new AlertRepository(jdbc, objectMapper, patients, prescriptions);
    }

    /** What the replay tells where its batches begin and end; nothing to tell live. */
    public ReplayBuffer replayBuffer() {
        return held == null ? ReplayBuffer.NONE : held;
    }

    // --- progress ---------------------------------------------------------------------------------------------

    /** The sequence number of the last event of the prescription processed, or -1. */
    public long progress(PrescriptionId prescriptionId) {
        if (held != null) {
            return held.progress(prescriptionId);
        }
        return valueOfPrescription(prescriptionId, "select version from alert_progress where prescription_id = :id",
                Long.class).orElse(-1L);
    }

    /** The one value {@code sql} selects with the prescription as {@code :id}, if it finds a row. */
    private <T> Optional<T> valueOfPrescription(PrescriptionId prescriptionId, String sql, Class<T> type) {
        return jdbc.sql(sql).param("id", prescriptionId.value()).query(type).optional();
    }

    /**
     * The progress of one event processor batch's prescriptions, held and written with one statement before the batch
     * commits (the live projection's; a replay's store holds progress across batches itself).
     */
    public BatchProgress batchProgress() {
        return new BatchProgress(jdbc);
    }

    /**
     * Raises the prescription's progress to {@code version}; false, changing nothing, if it is there or beyond already
     * (the event was processed before). One statement decides and records, so the projection asks before it acts.
     */
    public boolean advanceProgress(PrescriptionId prescriptionId, long version) {
        if (held != null) {
            return held.advanceProgress(prescriptionId, version);
        }
        return jdbc.sql(UPSERT_PROGRESS).params(progressParameters(prescriptionId, version)).update() > 0;
    }

    /**
     * Records that the record's event {@code version} was processed; false if it or a later one already was (a
     * redelivery). One statement, in a replay too: a record's checks are few.
     */
    public boolean advanceRecordProgress(DispensingRecordId recordId, long version) {
        return jdbc.sql("""
                        insert into record_alert_progress (record_id, version) values (:id, :version)
                        on conflict (record_id) do update set version = excluded.version
                        where record_alert_progress.version < excluded.version
                        """)
                .param("id", recordId.value())
                .param("version", version)
                .update() > 0;
    }

    static Map<String, Object> progressParameters(PrescriptionId prescriptionId, long version) {
        Map<String, Object> parameters = new HashMap<>(4);
        parameters.put("id", prescriptionId.value());
        parameters.put("version", version);
        return parameters;
    }

    // --- courses ----------------------------------------------------------------------------------------------

    /** By start date, prescription id, line and use (in a replay: unordered). */
    public List<MedicationCourse> coursesOfPatient(PatientId patientId) {
        if (held != null) {
            return held.coursesOfPatient(patientId);
        }
        return rowsOfPatient(patientId, SELECT_COURSE + """
                         where patient_id = :patient
                         order by start_date, prescription_id, dispensing_record_id, line_number, use_number
                        """, CourseColumns::read);
    }

    /** The patient a prescription belongs to, as its courses say (for an event without the metadata). */
    public Optional<PatientId> patientOf(PrescriptionId prescriptionId) {
        if (held != null) {
            return held.patientOf(prescriptionId);
        }
        return valueOfPrescription(prescriptionId,
                "select patient_id from medication_course where prescription_id = :id limit 1", String.class)
                .map(PatientId::of);
    }

    /** Inserts the course, or sets drug, dates and status of the stored one. */
    public void saveCourse(MedicationCourse course) {
        if (held != null) {
            held.saveCourse(course);
            return;
        }
        jdbc.sql(course.prescriptionId() != null ? UPSERT_COURSE : UPSERT_RECORD_COURSE)
                .params(CourseColumns.parameters(course)).update();
    }

    /** A cancelled or expired prescription's undispensed courses stop counting; dispensed ones stay. */
    public int stopPlannedCourses(PrescriptionId prescriptionId) {
        if (held != null) {
            return held.stopPlannedCourses(prescriptionId);
        }
        return jdbc.sql("update medication_course set status = 'STOPPED' where prescription_id = :id and status = 'PLANNED'")
                .param("id", prescriptionId.value())
                .update();
    }

    /**
     * The dispensing records of the patient that {@code organisation} registered in {@code role}, and did not withdraw:
     * a withdrawn record stopped all its courses (one corrected stopped only its earlier revision's).
     */
    public Set<DispensingRecordId> recordsRegisteredBy(PatientId patientId, Party.Role role, String organisation) {
        return Set.copyOf(jdbc.sql("""
                        select distinct dispensing_record_id from medication_course
                         where patient_id = :patient and registrant_role = :role
                           and registrant_organisation = :organisation and status <> 'STOPPED'
                        """)
                .param("patient", patientId.value())
                .param("role", role.name())
                .param("organisation", organisation)
                .query((rs, n) -> new DispensingRecordId(rs.getObject(1, UUID.class)))
                .list());
    }

    // --- alerts -----------------------------------------------------------------------------------------------

    /** One statement for a new alert; an alert raised again is read, merged and written back. */
    public void raiseAlert(StoredAlert alert) {
        if (held != null) {
            held.raiseAlert(alert);
            return;
        }
        boolean inserted = jdbc.sql(INSERT_ALERT + " on conflict (alert_id) do nothing")
                .params(alertParameters(alert))
                .update() > 0;
        if (!inserted) {
            StoredAlert stored = jdbc.sql(SELECT_ALERT + " where alert_id = :id for update")
                    .param("id", alert.alertId().value())
                    .query(this::mapAlert)
                    .single();
            jdbc.sql(UPSERT_ALERT).params(alertParameters(stored.raisedAgain(alert))).update();
        }
    }

    Map<String, Object> alertParameters(StoredAlert alert) {
        Map<String, Object> parameters = new HashMap<>(32);
        parameters.put("alertId", alert.alertId().value());
        parameters.put("patient", alert.patientId().value());
        parameters.put("prescriptionId", alert.prescriptionId() == null ? null : alert.prescriptionId().value());
        parameters.put("recordId", alert.dispensingRecordId() == null ? null : alert.dispensingRecordId().value());
        parameters.put("line", alert.lineNumber());
        parameters.put("type", alert.type().name());
        parameters.put("severity", alert.severity().name());
        parameters.put("status", alert.status());
        parameters.put("drug", alert.drugCode().value());
        parameters.put("key", alert.key());
        parameters.put("ingredient", alert.ingredient());
        parameters.put("institution", alert.institutionId() == null ? null : alert.institutionId().value());
        parameters.put("prescriber", alert.prescriberId() == null ? null : alert.prescriberId().value());
        RegistrantColumns.put(parameters, alert.registeredBy());
        parameters.put("conflicts", json.write(alert.conflicts()));
        parameters.put("acknowledgements", json.write(alert.acknowledgements()));
        parameters.put("raisedAt", SqlTimestamps.timestamp(alert.raisedAt()));
        parameters.put("resolvedAt", SqlTimestamps.timestamp(alert.resolvedAt()));
        return parameters;
    }

    /**
     * The alerts raised on the prescription's lines, by line, type and key, then those that later prescriptions raised
     * naming it (docs/alerts.md, "Both sides see it"), oldest first.
     */
    public List<StoredAlert> alertsOfPrescription(PrescriptionId prescriptionId) {
        return jdbc.sql(SELECT_ALERT + " where prescription_id = :id or conflicts @> cast(:link as jsonb)")
                .param("id", prescriptionId.value())
                .param("link", link(prescriptionId))
                .query(this::mapAlert)
                .list()
                .stream()
                .sorted(ownFirst(prescriptionId))
                .toList();
    }

    /**
     * The open alerts of each of these prescriptions, each as {@link #alertsOfPrescription} orders them: an alert that
     * links two of them is listed under both.
     */
    public Map<PrescriptionId, List<StoredAlert>> openAlertsOfPrescriptions(Collection<PrescriptionId> prescriptionIds) {
        if (prescriptionIds.isEmpty()) {
            return Map.of();
        }
        List<PrescriptionId> ids = List.copyOf(new LinkedHashSet<>(prescriptionIds));
        StringBuilder linked = new StringBuilder();
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("ids", ids.stream().map(PrescriptionId::value).toList());
        for (int i = 0; i < ids.size(); i++) {
            linked.append(" or conflicts @> cast(:link").append(i).append(" as jsonb)");
            parameters.put("link" + i, link(ids.get(i)));
        }
        List<StoredAlert> alerts = jdbc.sql(SELECT_ALERT + " where status = 'OPEN' and (prescription_id in (:ids)"
                        + linked + ")")
                .params(parameters)
                .query(this::mapAlert)
                .list();
        Map<PrescriptionId, List<StoredAlert>> byPrescription = new LinkedHashMap<>();
        for (PrescriptionId id : ids) {
            List<StoredAlert> linking = alerts.stream().filter(alert -> alert.links(id)).sorted(ownFirst(id)).toList();
            if (!linking.isEmpty()) {
                byPrescription.put(id, linking);
            }
        }
        return byPrescription;
    }

    /** The jsonb that a {@code conflicts} array naming the prescription contains. */
    private String link(PrescriptionId prescriptionId) {
        return json.write(List.of(Map.of("prescriptionId", prescriptionId.asString())));
    }

    private static Comparator<StoredAlert> ownFirst(PrescriptionId prescriptionId) {
        return Comparator.comparing((StoredAlert alert) -> !prescriptionId.equals(alert.prescriptionId()))
                .thenComparing((a, b) -> prescriptionId.equals(a.prescriptionId())
                        ? BY_LINE_TYPE_AND_KEY.compare(a, b)
                        : Comparator.comparing(StoredAlert::raisedAt)
                                .thenComparing(alert -> alert.alertId().value()).compare(a, b));
    }

    /** Newest first. */
    public List<StoredAlert> alertsOfPatient(PatientId patientId) {
        return rowsOfPatient(patientId, SELECT_ALERT + """
                         where patient_id = :patient
                         order by raised_at desc, prescription_id, dispensing_record_id, line_number, type, alert_key
                        """, this::mapAlert);
    }

    /** By alert id (in a replay: unordered). */
    public List<StoredAlert> openAlertsOfPatient(PatientId patientId) {
        if (held != null) {
            return held.openAlertsOfPatient(patientId);
        }
        return rowsOfPatient(patientId,
                SELECT_ALERT + " where patient_id = :patient and status = 'OPEN' order by alert_id", this::mapAlert);
    }

    /** The rows {@code sql} selects with the patient as {@code :patient}, each read by {@code mapper}. */
    private <T> List<T> rowsOfPatient(PatientId patientId, String sql, RowMapper<T> mapper) {
        return jdbc.sql(sql).param("patient", patientId.value()).query(mapper).list();
    }

    /** The alert, if OPEN, becomes RESOLVED at {@code at}; answers how many (0 or 1). */
    public int resolveAlert(AlertId alertId, Instant at) {
        return held != null ? held.resolveAlert(alertId, at) : resolveStored(alertId, at);
    }

    /** {@link #resolveAlert} as its statement, also for a replay's alert that is not held. */
    int resolveStored(AlertId alertId, Instant at) {
        return jdbc.sql("update medication_alert set status = 'RESOLVED', resolved_at = :at where alert_id = :id and status = 'OPEN'")
                .param("id", alertId.value())
                .param("at", SqlTimestamps.timestamp(at))
                .update();
    }

    /**
     * Appends to the alert's acknowledgements; answers false for an unknown alert. One that does not name its
     * conflicts is stored naming those the alert has now.
     */
    public boolean appendAcknowledgement(AcknowledgementView given) {
        return held != null ? held.appendAcknowledgement(given) : appendToStored(given);
    }

    /** {@link #appendAcknowledgement} as its statements, also for a replay's alert that is not held. */
    boolean appendToStored(AcknowledgementView given) {
        AcknowledgementView acknowledgement = given;
        if (given.conflictIds() == null) {
            Optional<String> conflicts = jdbc.sql("select conflicts from medication_alert where alert_id = :id")
                    .param("id", given.alertId().value())
                    .query(String.class)
                    .optional();
            if (conflicts.isEmpty()) {
                return false;
            }
            acknowledgement = given.naming(json.readList(conflicts.get(), Conflict.class));
        }
        return jdbc.sql("""
                        update medication_alert set acknowledgements = acknowledgements || cast(:ack as jsonb)
                         where alert_id = :id
                        """)
                .param("id", acknowledgement.alertId().value())
                .param("ack", json.write(List.of(acknowledgement)))
                .update() > 0;
    }

    // --- consent ----------------------------------------------------------------------------------------------

    /** The patient's consent, unless the stored one is of the same or a later version. */
    public void saveConsent(PatientId patientId, boolean sharingAllowed, Instant changedAt, long version) {
        if (held != null) {
            held.saveConsent(patientId, sharingAllowed, changedAt, version);
            return;
        }
        jdbc.sql(UPSERT_CONSENT).params(ConsentColumns.parameters(patientId, sharingAllowed, changedAt, version)).update();
    }


    // --- mapping ----------------------------------------------------------------------------------------------

    private static PrescriptionId prescriptionId(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("prescription_id", UUID.class);
        return id == null ? null : new PrescriptionId(id);
    }

    private static DispensingRecordId recordId(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("dispensing_record_id", UUID.class);
        return id == null ? null : new DispensingRecordId(id);
    }

    private static InstitutionId institutionId(ResultSet rs) throws SQLException {
        String id = rs.getString("institution_id");
        return id == null ? null : InstitutionId.of(id);
    }

    private static PrescriberId prescriberId(ResultSet rs) throws SQLException {
        String id = rs.getString("prescriber_id");
        return id == null ? null : PrescriberId.of(id);
    }

    StoredAlert mapAlert(ResultSet rs, int rowNum) throws SQLException {
        return new StoredAlert(
                AlertId.of(rs.getString("alert_id")),
                PatientId.of(rs.getString("patient_id")),
                prescriptionId(rs),
                rs.getInt("line_number"),
                AlertType.valueOf(rs.getString("type")),
                Severity.valueOf(rs.getString("severity")),
                rs.getString("status"),
                DrugCode.of(rs.getString("drug_code")),
                rs.getString("alert_key"),
                rs.getString("ingredient"),
                institutionId(rs),
                prescriberId(rs),
                json.readList(rs.getString("conflicts"), Conflict.class),
                json.readList(rs.getString("acknowledgements"), AcknowledgementView.class),
                SqlTimestamps.instant(rs.getObject("raised_at", OffsetDateTime.class)),
                SqlTimestamps.instant(rs.getObject("resolved_at", OffsetDateTime.class)),
                recordId(rs),
                RegistrantColumns.read(rs));
    }
}
