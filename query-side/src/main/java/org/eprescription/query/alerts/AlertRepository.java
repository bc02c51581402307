package org.eprescription.query.alerts;

import org.eprescription.query.support.JsonColumns;
import org.eprescription.query.support.SqlTimestamps;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.interaction.AlertType;
import org.eprescription.core.interaction.CandidateLine;
import org.eprescription.core.interaction.CourseStatus;
import org.eprescription.core.interaction.MedicationCourse;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The tables of migration V20 ({@code medication_course}, {@code medication_alert}, {@code patient_consent},
 * {@code alert_progress}) through {@link JdbcClient}. Conflicts and acknowledgements are jsonb, written and read with
 * the application's {@link ObjectMapper}. Not a bean of its own: the projection and the queries each make one.
 */
class AlertRepository implements AlertStore {

    static final String SELECT_COURSE = """
            select prescription_id, line_number, use_number, patient_id, drug_code, prescribed_drug_code,
                   prescribed_days, start_date, end_date, status, institution_id, prescriber_id, dispensed_at
              from medication_course
            """;

    static final String SELECT_ALERT = """
            select alert_id, patient_id, prescription_id, line_number, type, status, drug_code, alert_key, ingredient,
                   institution_id, prescriber_id, conflicts, acknowledgements, raised_at, resolved_at
              from medication_alert
            """;

    /** The courses of :patient that can conflict with lines starting on or after :from (not stopped, not ended). */
    private static final String COUNTING_FROM = "patient_id = :patient and status <> 'STOPPED' and end_date >= :from";

    private static final String COURSE_ORDER = "start_date, prescription_id, line_number, use_number";

    static final String UPSERT_PROGRESS = """
            insert into alert_progress (prescription_id, version) values (:id, :version)
            on conflict (prescription_id) do update set version = excluded.version
            where alert_progress.version < excluded.version
            """;

    static final String UPSERT_COURSE = """
            insert into medication_course (prescription_id, line_number, use_number, patient_id, drug_code,
                prescribed_drug_code, prescribed_days, start_date, end_date, status, institution_id,
                prescriber_id, dispensed_at)
            values (:prescriptionId, :line, :use, :patient, :drug, :prescribedDrug, :prescribedDays, :from,
                :to, :status, :institution, :prescriber, :dispensedAt)
            on conflict (prescription_id, line_number, use_number) do update set
                drug_code = excluded.drug_code,
                start_date = excluded.start_date,
                end_date = excluded.end_date,
                status = excluded.status,
                dispensed_at = excluded.dispensed_at
            """;

    private static final String INSERT_ALERT = """
            insert into medication_alert (alert_id, patient_id, prescription_id, line_number, type, severity,
                status, drug_code, alert_key, ingredient, institution_id, prescriber_id, conflicts,
                acknowledgements, raised_at, resolved_at)
            values (:alertId, :patient, :prescriptionId, :line, :type, :severity, :status, :drug, :key,
                :ingredient, :institution, :prescriber, cast(:conflicts as jsonb),
                cast(:acknowledgements as jsonb), :raisedAt, :resolvedAt)
            """;

    /** New alerts as {@link #insertAlert} inserts them; existing ones get the status and acknowledgements given. */
    static final String UPSERT_ALERT = INSERT_ALERT + """
            on conflict (alert_id) do update set
                status = excluded.status,
                resolved_at = excluded.resolved_at,
                acknowledgements = excluded.acknowledgements
            """;

    static final String UPSERT_CONSENT = """
            insert into patient_consent (patient_id, sharing_allowed, changed_at, version)
            values (:patient, :allowed, :changedAt, :version)
            on conflict (patient_id) do update set
                sharing_allowed = excluded.sharing_allowed,
                changed_at = excluded.changed_at,
                version = excluded.version
            where patient_consent.version < excluded.version
            """;

    /** How a prescription's alerts are listed. */
    private static final Comparator<StoredAlert> BY_LINE_TYPE_AND_KEY = Comparator.comparingInt(StoredAlert::lineNumber)
            .thenComparing(StoredAlert::type)
            .thenComparing(StoredAlert::key);

    private final JdbcClient jdbc;
    private final JsonColumns json;

    AlertRepository(JdbcClient jdbc, ObjectMapper objectMapper) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.json = new JsonColumns(objectMapper);
    }

    // --- progress ---------------------------------------------------------------------------------------------

    /** The sequence number of the last event of the prescription processed, or -1. */
    @Override
    public long progress(PrescriptionId prescriptionId) {
        return jdbc.sql("select version from alert_progress where prescription_id = :id")
                .param("id", prescriptionId.value())
                .query(Long.class)
                .optional()
                .orElse(-1L);
    }

    @Override
    public boolean advanceProgress(PrescriptionId prescriptionId, long version) {
        return jdbc.sql(UPSERT_PROGRESS).params(progressParameters(prescriptionId, version)).update() > 0;
    }

    static Map<String, Object> progressParameters(PrescriptionId prescriptionId, long version) {
        Map<String, Object> parameters = new HashMap<>(4);
        parameters.put("id", prescriptionId.value());
        parameters.put("version", version);
        return parameters;
    }

    /**
     * The progress upsert as a data-modifying CTE, and the courses {@link #coursesCountingFrom} reads, only if it
     * advanced: one round trip where an issue needed two. The one row without courses says whether it advanced.
     */
    @Override
    public Optional<List<MedicationCourse>> advanceProgressAndReadCourses(PrescriptionId prescriptionId, long version,
                                                                         PatientId patientId,
                                                                         List<CandidateLine> lines) {
        Optional<LocalDate> from = AlertStore.earliestStart(lines);
        if (from.isEmpty()) {
            return advanceProgress(prescriptionId, version) ? Optional.of(List.of()) : Optional.empty();
        }
        Map<String, Object> parameters = progressParameters(prescriptionId, version);
        parameters.put("patient", patientId.value());
        parameters.put("from", from.get());
        boolean[] advanced = {false};
        List<MedicationCourse> courses = new ArrayList<>();
        jdbc.sql("with advanced as (" + UPSERT_PROGRESS + " returning 1)" + """
                         select a.advanced, c.*
                           from (select exists (select 1 from advanced) as advanced) a
                           left join lateral (""" + SELECT_COURSE + " where a.advanced and " + COUNTING_FROM
                + ") c on true order by " + COURSE_ORDER)
                .params(parameters)
                .query(rs -> {
                    advanced[0] = rs.getBoolean("advanced");
                    if (rs.getObject("prescription_id") != null) {
                        courses.add(mapCourse(rs, 0).course());
                    }
                });
        return advanced[0] ? Optional.of(courses) : Optional.empty();
    }

    // --- courses ----------------------------------------------------------------------------------------------

    @Override
    public List<StoredCourse> coursesOfPatient(PatientId patientId) {
        return jdbc.sql(SELECT_COURSE + " where patient_id = :patient order by start_date, prescription_id, line_number, use_number")
                .param("patient", patientId.value())
                .query(this::mapCourse)
                .list();
    }

    /**
     * The patient's courses that can conflict with lines starting on or after {@code from}: not stopped and not ended
     * before it. A draft check reads these rather than a chronic patient's whole history.
     */
    @Override
    public List<StoredCourse> coursesCountingFrom(PatientId patientId, LocalDate from) {
        return jdbc.sql(SELECT_COURSE + " where " + COUNTING_FROM + " order by " + COURSE_ORDER)
                .param("patient", patientId.value())
                .param("from", from)
                .query(this::mapCourse)
                .list();
    }

    @Override
    public List<StoredCourse> coursesOfPrescription(PrescriptionId prescriptionId) {
        return jdbc.sql(SELECT_COURSE + " where prescription_id = :id order by line_number, use_number")
                .param("id", prescriptionId.value())
                .query(this::mapCourse)
                .list();
    }

    @Override
    public Optional<StoredCourse> course(PrescriptionId prescriptionId, int lineNumber, int use) {
        return jdbc.sql(SELECT_COURSE + " where prescription_id = :id and line_number = :line and use_number = :use")
                .param("id", prescriptionId.value())
                .param("line", lineNumber)
                .param("use", use)
                .query(this::mapCourse)
                .optional();
    }

    /** The patient a prescription belongs to, as its courses say (for an event without the metadata). */
    @Override
    public Optional<PatientId> patientOf(PrescriptionId prescriptionId) {
        return jdbc.sql("select patient_id from medication_course where prescription_id = :id limit 1")
                .param("id", prescriptionId.value())
                .query(String.class)
                .optional()
                .map(PatientId::of);
    }

    @Override
    public void saveCourse(StoredCourse stored) {
        jdbc.sql(UPSERT_COURSE).params(courseParameters(stored)).update();
    }

    static Map<String, Object> courseParameters(StoredCourse stored) {
        MedicationCourse course = stored.course();
        Map<String, Object> parameters = new HashMap<>(32);
        parameters.put("prescriptionId", course.prescriptionId().value());
        parameters.put("line", course.lineNumber());
        parameters.put("use", course.use());
        parameters.put("patient", course.patientId().value());
        parameters.put("drug", course.drugCode().value());
        parameters.put("prescribedDrug", stored.prescribedDrugCode().value());
        parameters.put("prescribedDays", stored.prescribedDays());
        parameters.put("from", course.from());
        parameters.put("to", course.to());
        parameters.put("status", course.status().name());
        parameters.put("institution", course.institutionId().value());
        parameters.put("prescriber", course.prescriberId().value());
        parameters.put("dispensedAt", SqlTimestamps.timestamp(stored.dispensedAt()));
        return parameters;
    }

    /** A cancelled or expired prescription's undispensed courses stop counting; dispensed ones stay. */
    @Override
    public int stopPlannedCourses(PrescriptionId prescriptionId) {
        return jdbc.sql("update medication_course set status = 'STOPPED' where prescription_id = :id and status = 'PLANNED'")
                .param("id", prescriptionId.value())
                .update();
    }

    // --- alerts -----------------------------------------------------------------------------------------------

    @Override
    public void insertAlert(StoredAlert alert) {
        jdbc.sql(INSERT_ALERT + " on conflict (alert_id) do nothing").params(alertParameters(alert)).update();
    }

    Map<String, Object> alertParameters(StoredAlert alert) {
        Map<String, Object> parameters = new HashMap<>(32);
        parameters.put("alertId", alert.alertId().value());
        parameters.put("patient", alert.patientId().value());
        parameters.put("prescriptionId", alert.prescriptionId().value());
        parameters.put("line", alert.lineNumber());
        parameters.put("type", alert.type().name());
        parameters.put("severity", alert.type().severity().name());
        parameters.put("status", alert.status());
        parameters.put("drug", alert.drugCode().value());
        parameters.put("key", alert.key());
        parameters.put("ingredient", alert.ingredient());
        parameters.put("institution", alert.institutionId().value());
        parameters.put("prescriber", alert.prescriberId().value());
        parameters.put("conflicts", json.write(alert.conflicts()));
        parameters.put("acknowledgements", json.write(alert.acknowledgements()));
        parameters.put("raisedAt", SqlTimestamps.timestamp(alert.raisedAt()));
        parameters.put("resolvedAt", SqlTimestamps.timestamp(alert.resolvedAt()));
        return parameters;
    }

    /** Ordered by line, then type and key as the rules order them. */
    List<StoredAlert> alertsOfPrescription(PrescriptionId prescriptionId) {
        return jdbc.sql(SELECT_ALERT + " where prescription_id = :id order by line_number, alert_id")
                .param("id", prescriptionId.value())
                .query(this::mapAlert)
                .list()
                .stream()
                .sorted(BY_LINE_TYPE_AND_KEY)
                .toList();
    }

    /**
     * The prescription's alerts as {@link #alertsOfPrescription} orders them, each as its patient's consent shows it,
     * if the projection's progress for the prescription has reached {@code version}; otherwise none. One statement
     * for what an issue's answer would otherwise read in three (progress, alerts, consent).
     */
    Optional<List<AlertView>> alertViewsOfPrescriptionAt(PrescriptionId prescriptionId, long version) {
        List<StoredAlert> alerts = new ArrayList<>();
        long[] progress = {-1};
        boolean[] sharing = {false};
        jdbc.sql("""
                        select p.version as progress, coalesce(c.sharing_allowed, false) as sharing_allowed,
                               a.alert_id, a.patient_id, a.prescription_id, a.line_number, a.type, a.status,
                               a.drug_code, a.alert_key, a.ingredient, a.institution_id, a.prescriber_id, a.conflicts,
                               a.acknowledgements, a.raised_at, a.resolved_at
                          from alert_progress p
                          left join medication_alert a on a.prescription_id = p.prescription_id
                          left join patient_consent c on c.patient_id = a.patient_id
                         where p.prescription_id = :id and p.version >= :version
                        """)
                .param("id", prescriptionId.value())
                .param("version", version)
                .query(rs -> {
                    progress[0] = rs.getLong("progress");
                    if (rs.getString("alert_id") != null) {
                        alerts.add(mapAlert(rs, 0));
                        // one prescription, one patient: every row carries the same consent
                        sharing[0] = rs.getBoolean("sharing_allowed");
                    }
                });
        if (progress[0] < version) {
            return Optional.empty();
        }
        alerts.sort(BY_LINE_TYPE_AND_KEY);
        return Optional.of(alerts.stream().map(alert -> alert.view(sharing[0])).toList());
    }

    /** The open alerts of all these prescriptions, by prescription, line, type and key. */
    List<StoredAlert> openAlertsOfPrescriptions(java.util.Collection<PrescriptionId> prescriptionIds) {
        if (prescriptionIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT_ALERT + """
                         where prescription_id in (:ids) and status = 'OPEN'
                         order by prescription_id, line_number, type, alert_key
                        """)
                .param("ids", prescriptionIds.stream().map(PrescriptionId::value).toList())
                .query(this::mapAlert)
                .list();
    }

    /** Newest first. */
    List<StoredAlert> alertsOfPatient(PatientId patientId) {
        return jdbc.sql(SELECT_ALERT + """
                         where patient_id = :patient
                         order by raised_at desc, prescription_id, line_number, type, alert_key
                        """)
                .param("patient", patientId.value())
                .query(this::mapAlert)
                .list();
    }

    @Override
    public List<StoredAlert> openAlertsOfPatient(PatientId patientId) {
        return jdbc.sql(SELECT_ALERT + " where patient_id = :patient and status = 'OPEN' order by alert_id")
                .param("patient", patientId.value())
                .query(this::mapAlert)
                .list();
    }

    @Override
    public int resolveAlertsOfPrescription(PrescriptionId prescriptionId, Instant at) {
        return jdbc.sql("""
                        update medication_alert set status = 'RESOLVED', resolved_at = :at
                         where prescription_id = :id and status = 'OPEN'
                        """)
                .param("id", prescriptionId.value())
                .param("at", SqlTimestamps.timestamp(at))
                .update();
    }

    @Override
    public int resolveAlert(AlertId alertId, Instant at) {
        return jdbc.sql("update medication_alert set status = 'RESOLVED', resolved_at = :at where alert_id = :id and status = 'OPEN'")
                .param("id", alertId.value())
                .param("at", SqlTimestamps.timestamp(at))
                .update();
    }

    /** Appends to the alert's acknowledgements; answers false for an unknown alert. */
    @Override
    public boolean appendAcknowledgement(AcknowledgementView acknowledgement) {
        return jdbc.sql("""
                        update medication_alert set acknowledgements = acknowledgements || cast(:ack as jsonb)
                         where alert_id = :id
                        """)
                .param("id", acknowledgement.alertId().value())
                .param("ack", json.write(List.of(acknowledgement)))
                .update() > 0;
    }

    // --- consent ----------------------------------------------------------------------------------------------

    @Override
    public void saveConsent(PatientId patientId, boolean sharingAllowed, Instant changedAt, long version) {
        jdbc.sql(UPSERT_CONSENT).params(consentParameters(patientId, sharingAllowed, changedAt, version)).update();
    }

    static Map<String, Object> consentParameters(PatientId patientId, boolean sharingAllowed, Instant changedAt,
                                                 long version) {
        Map<String, Object> parameters = new HashMap<>(8);
        parameters.put("patient", patientId.value());
        parameters.put("allowed", sharingAllowed);
        parameters.put("changedAt", SqlTimestamps.timestamp(changedAt));
        parameters.put("version", version);
        return parameters;
    }

    /** No row means not shared. */
    boolean sharingAllowed(PatientId patientId) {
        return jdbc.sql("select sharing_allowed from patient_consent where patient_id = :patient")
                .param("patient", patientId.value())
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    /** Empties all four tables, before a replay rebuilds them. */
    @Override
    public void deleteAll() {
        jdbc.sql("delete from medication_alert").update();
        jdbc.sql("delete from medication_course").update();
        jdbc.sql("delete from patient_consent").update();
        jdbc.sql("delete from alert_progress").update();
    }

    // --- mapping ----------------------------------------------------------------------------------------------

    StoredCourse mapCourse(ResultSet rs, int rowNum) throws SQLException {
        MedicationCourse course = new MedicationCourse(
                new PrescriptionId(rs.getObject("prescription_id", UUID.class)),
                rs.getInt("line_number"),
                rs.getInt("use_number"),
                PatientId.of(rs.getString("patient_id")),
                DrugCode.of(rs.getString("drug_code")),
                rs.getObject("start_date", LocalDate.class),
                rs.getObject("end_date", LocalDate.class),
                CourseStatus.valueOf(rs.getString("status")),
                InstitutionId.of(rs.getString("institution_id")),
                PrescriberId.of(rs.getString("prescriber_id")));
        return new StoredCourse(course, DrugCode.of(rs.getString("prescribed_drug_code")),
                rs.getInt("prescribed_days"), SqlTimestamps.instant(rs.getObject("dispensed_at", OffsetDateTime.class)));
    }

    StoredAlert mapAlert(ResultSet rs, int rowNum) throws SQLException {
        return new StoredAlert(
                AlertId.of(rs.getString("alert_id")),
                PatientId.of(rs.getString("patient_id")),
                new PrescriptionId(rs.getObject("prescription_id", UUID.class)),
                rs.getInt("line_number"),
                AlertType.valueOf(rs.getString("type")),
                rs.getString("status"),
                DrugCode.of(rs.getString("drug_code")),
                rs.getString("alert_key"),
                rs.getString("ingredient"),
                InstitutionId.of(rs.getString("institution_id")),
                PrescriberId.of(rs.getString("prescriber_id")),
                json.readList(rs.getString("conflicts"), Conflict.class),
                json.readList(rs.getString("acknowledgements"), AcknowledgementView.class),
                SqlTimestamps.instant(rs.getObject("raised_at", OffsetDateTime.class)),
                SqlTimestamps.instant(rs.getObject("resolved_at", OffsetDateTime.class)));
    }
}
