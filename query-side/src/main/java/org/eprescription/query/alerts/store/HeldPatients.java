package org.eprescription.query.alerts.store;

import org.axonframework.eventhandling.EventMessage;
import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.interaction.CourseStatus;
import org.eprescription.core.interaction.MedicationCourse;
import org.eprescription.core.prescription.event.PrescriptionEvent;
import org.eprescription.core.prescription.event.PrescriptionIssued;
import org.eprescription.core.record.event.DispensingRecordEvent;
import org.eprescription.query.support.ConsentColumns;
import org.eprescription.query.support.CourseColumns;
import org.eprescription.query.support.LeastRecentlyUsed;
import org.eprescription.query.support.ReplayBuffer;
import org.eprescription.query.support.SqlParameters;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * How {@link AlertRepository} batches in a replay: each patient's courses and alerts, and each prescription's progress,
 * held in memory while the replay's events change them, read and written in batches with the repository's own
 * statements instead of statements per event. Each method leaves the rows as the repository's statement of the same
 * name would, so the tables end up with the same rows.
 *
 * <ul>
 *   <li>Before a batch, what its events will read and is not held yet is read with a few statements: the courses and
 *   alerts of the patients they name (PrescriptionIssued's patient, the {@code patientId} metadata of the others, a
 *   dispensing record's patient),
 *   the progress of their prescriptions, and whose rows the prescriptions have, if the tables have any.</li>
 *   <li>After a batch, the least recently used patients and progress beyond the capacities leave memory; changed rows
 *   are written first, each table's as one JDBC batch with the repository's upsert. Consents, which the projection
 *   never reads, are written after every batch. {@link #flush} writes every changed row.</li>
 * </ul>
 * The tables are up to date for whatever is not held (rows are written before they leave memory), so what is not held
 * is read from them, and the few statements that change rows not held (an acknowledgement or a resolution of an alert
 * whose patient is not held) go to them directly.
 *
 * <p>A patient's courses and open alerts come unordered: the projection does not depend on their order. It relies on
 * what the projection guarantees: the courses and alerts of a prescription all belong to one patient, the patient of
 * its PrescriptionIssued. Not thread-safe: one replay, one thread.
 */
final class HeldPatients implements ReplayBuffer {

    private static final int WRITE_BATCH = 1_000;

    private final JdbcTemplate jdbc;
    private final AlertRepository repository;
    private final int patientCapacity;
    private final int prescriptionCapacity;

    private static final SqlParameters UPSERT_COURSE = new SqlParameters(AlertRepository.UPSERT_COURSE);
    private static final SqlParameters UPSERT_RECORD_COURSE = new SqlParameters(AlertRepository.UPSERT_RECORD_COURSE);
    private static final SqlParameters UPSERT_ALERT = new SqlParameters(AlertRepository.UPSERT_ALERT);
    private static final SqlParameters UPSERT_PROGRESS = new SqlParameters(AlertRepository.UPSERT_PROGRESS);
    private static final SqlParameters UPSERT_CONSENT = new SqlParameters(AlertRepository.UPSERT_CONSENT);

    /** Held patients, least recently used first. */
    private final LinkedHashMap<PatientId, Patient> patients = new LinkedHashMap<>(1024, 0.75f, true);
    /** The held patient whose rows a prescription's are. */
    private final Map<PrescriptionId, Patient> byPrescription = new HashMap<>();
    private final Map<AlertId, Patient> byAlert = new HashMap<>();
    /** Prescriptions of this batch known to have no rows in the tables (nor held). */
    private final Set<PrescriptionId> withoutRows = new HashSet<>();
    /** Held progress, least recently used first. */
    private final LinkedHashMap<PrescriptionId, Progress> progress = new LinkedHashMap<>(1024, 0.75f, true);
    /** Consents saved and not written yet. */
    private final Map<PatientId, Consent> consents = new LinkedHashMap<>();

    HeldPatients(JdbcTemplate jdbc, AlertRepository repository, int patientCapacity, int prescriptionCapacity) {
        if (patientCapacity < 1 || prescriptionCapacity < 1) {
            throw new IllegalArgumentException("capacities must be positive");
        }
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.repository = Objects.requireNonNull(repository, "repository");
        this.patientCapacity = patientCapacity;
        this.prescriptionCapacity = prescriptionCapacity;
    }

    private record CourseKey(PrescriptionId prescriptionId, DispensingRecordId recordId, int lineNumber, int use) {

        static CourseKey of(MedicationCourse course) {
            return new CourseKey(course.prescriptionId(), course.dispensingRecordId(), course.lineNumber(),
                    course.use());
        }
    }

    /** Every course and alert of one patient, as the tables hold them plus what the replay changed. */
    private static final class Patient {
        final PatientId id;
        final Map<CourseKey, MedicationCourse> courses = new HashMap<>();
        final Map<AlertId, StoredAlert> alerts = new HashMap<>();
        final Set<CourseKey> changedCourses = new HashSet<>();
        final Set<AlertId> changedAlerts = new HashSet<>();

        Patient(PatientId id) {
            this.id = id;
        }
    }

    private static final class Progress {
        final PrescriptionId prescriptionId;
        boolean exists;
        long version;
        boolean changed;

        Progress(PrescriptionId prescriptionId, boolean exists, long version) {
            this.prescriptionId = prescriptionId;
            this.exists = exists;
            this.version = version;
        }
    }

    private record Consent(PatientId patientId, boolean sharingAllowed, Instant changedAt, long version) {
    }

    // --- batches ----------------------------------------------------------------------------------------------

    @Override
    public void beforeBatch(List<? extends EventMessage<?>> batch) {
        Set<PrescriptionId> prescriptions = new LinkedHashSet<>();
        Set<PatientId> named = new LinkedHashSet<>();
        for (EventMessage<?> event : batch) {
            if (DispensingRecordEvent.class.isAssignableFrom(event.getPayloadType())
                    && event.getPayload() instanceof DispensingRecordEvent recordEvent) {
                named.add(recordEvent.patientId());
                continue;
            }
            if (!PrescriptionEvent.class.isAssignableFrom(event.getPayloadType())
                    || !(event.getPayload() instanceof PrescriptionEvent prescriptionEvent)) {
                continue;
            }
            prescriptions.add(prescriptionEvent.prescriptionId());
            if (prescriptionEvent instanceof PrescriptionIssued issued) {
                named.add(issued.patient().id());
            } else {
                Object patient = event.getMetaData().get(PrescriptionEvent.PATIENT_ID_METADATA);
                if (patient != null) {
                    named.add(PatientId.of(patient.toString()));
                }
            }
        }
        readProgress(prescriptions.stream().filter(id -> !progress.containsKey(id)).toList());
        readPatients(named.stream().filter(id -> !patients.containsKey(id)).toList());
        List<PrescriptionId> unplaced = prescriptions.stream().filter(id -> !byPrescription.containsKey(id)).toList();
        if (!unplaced.isEmpty()) {
            Map<PrescriptionId, PatientId> owners = owners(unplaced);
            readPatients(owners.values().stream().distinct().filter(id -> !patients.containsKey(id)).toList());
            unplaced.stream().filter(id -> !byPrescription.containsKey(id)).forEach(withoutRows::add);
        }
    }

    @Override
    public void afterBatch() {
        withoutRows.clear();
        List<MedicationCourse> courses = new ArrayList<>();
        List<StoredAlert> alerts = new ArrayList<>();
        LeastRecentlyUsed.shrink(patients, patientCapacity, patient -> {
            collectChanges(patient, courses, alerts);
            patient.courses.keySet().forEach(key -> byPrescription.remove(key.prescriptionId(), patient));
            patient.alerts.values().forEach(alert -> {
                byPrescription.remove(alert.prescriptionId(), patient);
                byAlert.remove(alert.alertId(), patient);
            });
        });
        List<Progress> progressChanged = new ArrayList<>();
        LeastRecentlyUsed.shrink(progress, prescriptionCapacity, entry -> {
            if (entry.changed) {
                progressChanged.add(entry);
            }
        });
        write(courses, alerts, progressChanged);
    }

    @Override
    public void flush() {
        withoutRows.clear();
        List<MedicationCourse> courses = new ArrayList<>();
        List<StoredAlert> alerts = new ArrayList<>();
        patients.values().forEach(patient -> collectChanges(patient, courses, alerts));
        write(courses, alerts, progress.values().stream().filter(entry -> entry.changed).toList());
    }

    // --- progress ---------------------------------------------------------------------------------------------

    long progress(PrescriptionId prescriptionId) {
        return progressOf(prescriptionId).version;
    }

    boolean advanceProgress(PrescriptionId prescriptionId, long version) {
        Progress entry = progressOf(prescriptionId);
        if (entry.exists && entry.version >= version) {
            return false;
        }
        entry.exists = true;
        entry.version = version;
        entry.changed = true;
        return true;
    }

    // --- courses ----------------------------------------------------------------------------------------------

    List<MedicationCourse> coursesOfPatient(PatientId patientId) {
        return new ArrayList<>(patient(patientId).courses.values());
    }

    Optional<PatientId> patientOf(PrescriptionId prescriptionId) {
        Patient owner = ownerOf(prescriptionId);
        if (owner == null) {
            return Optional.empty();
        }
        return owner.courses.keySet().stream().anyMatch(key -> prescriptionId.equals(key.prescriptionId()))
                ? Optional.of(owner.id) : Optional.empty();
    }

    void saveCourse(MedicationCourse course) {
        CourseKey key = CourseKey.of(course);
        // a record's rows are always its patient's, as the record's events name it
        Patient owner = course.prescriptionId() != null ? ownerOf(course.prescriptionId()) : patient(course.patientId());
        MedicationCourse existing = owner == null ? null : owner.courses.get(key);
        if (existing != null) {
            // on conflict: drug, its description, dates and status change; the rest stays as first stored
            owner.courses.put(key, existing.with(course.drugCode(), course.from(), course.to(), course.status())
                    .describedBy(course.drug()));
            owner.changedCourses.add(key);
        } else {
            Patient patient = patient(course.patientId());
            patient.courses.put(key, course);
            patient.changedCourses.add(key);
            if (course.prescriptionId() != null) {
                byPrescription.put(course.prescriptionId(), patient);
            }
        }
    }

    int stopPlannedCourses(PrescriptionId prescriptionId) {
        Patient owner = ownerOf(prescriptionId);
        if (owner == null) {
            return 0;
        }
        int stopped = 0;
        for (Map.Entry<CourseKey, MedicationCourse> entry : owner.courses.entrySet()) {
            MedicationCourse course = entry.getValue();
            if (prescriptionId.equals(course.prescriptionId()) && course.status() == CourseStatus.PLANNED) {
                entry.setValue(course.with(course.drugCode(), course.from(), course.to(), CourseStatus.STOPPED));
                owner.changedCourses.add(entry.getKey());
                stopped++;
            }
        }
        return stopped;
    }

    // --- alerts -----------------------------------------------------------------------------------------------

    void raiseAlert(StoredAlert alert) {
        // an alert's id derives from its prescription (or record): if it exists, it is among the rows of its owner
        if (alert.prescriptionId() != null) {
            ownerOf(alert.prescriptionId());
        } else {
            patient(alert.patientId());
        }
        Patient held = heldOwnerOf(alert.alertId());
        if (held != null) {
            change(held, held.alerts.get(alert.alertId()).raisedAgain(alert));
            return;
        }
        Patient patient = patient(alert.patientId());
        patient.alerts.put(alert.alertId(), alert);
        patient.changedAlerts.add(alert.alertId());
        byAlert.put(alert.alertId(), patient);
        if (alert.prescriptionId() != null) {
            byPrescription.putIfAbsent(alert.prescriptionId(), patient);
        }
    }

    List<StoredAlert> openAlertsOfPatient(PatientId patientId) {
        List<StoredAlert> open = new ArrayList<>();
        for (StoredAlert alert : patient(patientId).alerts.values()) {
            if (alert.isOpen()) {
                open.add(alert);
            }
        }
        return open;
    }

    int resolveAlert(AlertId alertId, Instant at) {
        Patient owner = heldOwnerOf(alertId);
        if (owner == null) {
            return repository.resolveStored(alertId, at);
        }
        StoredAlert alert = owner.alerts.get(alertId);
        if (!alert.isOpen()) {
            return 0;
        }
        change(owner, alert.resolved(at));
        return 1;
    }

    boolean appendAcknowledgement(AcknowledgementView acknowledgement) {
        Patient owner = heldOwnerOf(acknowledgement.alertId());
        if (owner == null) {
            return repository.appendToStored(acknowledgement);
        }
        StoredAlert alert = owner.alerts.get(acknowledgement.alertId());
        List<AcknowledgementView> acknowledgements = new ArrayList<>(alert.acknowledgements());
        acknowledgements.add(acknowledgement.naming(alert.conflicts()));
        change(owner, alert.withAcknowledgements(acknowledgements));
        return true;
    }

    private static void change(Patient owner, StoredAlert alert) {
        owner.alerts.put(alert.alertId(), alert);
        owner.changedAlerts.add(alert.alertId());
    }

    // --- consent ----------------------------------------------------------------------------------------------

    void saveConsent(PatientId patientId, boolean sharingAllowed, Instant changedAt, long version) {
        Consent saved = consents.get(patientId);
        // the upsert's guard against what this replay saved before; the table's own row is guarded when written
        if (saved == null || saved.version() < version) {
            consents.put(patientId, new Consent(patientId, sharingAllowed, changedAt, version));
        }
    }

    // --- what is held -----------------------------------------------------------------------------------------

    private Progress progressOf(PrescriptionId prescriptionId) {
        return heldOrRead(progress, prescriptionId, this::readProgress);
    }

    /** The patient, held (read from the tables if it was not). */
    private Patient patient(PatientId patientId) {
        return heldOrRead(patients, patientId, this::readPatients);
    }

    /** What {@code held} holds for the key, after {@code read} has read it into {@code held} if it did not. */
    private static <K, V> V heldOrRead(Map<K, V> held, K key, Consumer<Collection<K>> read) {
        V value = held.get(key);
        if (value == null) {
            read.accept(List.of(key));
            value = held.get(key);
        }
        return value;
    }

    /** The patient whose rows the prescription's are, held; null if the prescription has no rows. */
    private Patient ownerOf(PrescriptionId prescriptionId) {
        Patient owner = byPrescription.get(prescriptionId);
        if (owner != null) {
            return patients.get(owner.id);
        }
        if (withoutRows.contains(prescriptionId)) {
            return null;
        }
        PatientId found = owners(List.of(prescriptionId)).get(prescriptionId);
        if (found == null) {
            withoutRows.add(prescriptionId);
            return null;
        }
        return patient(found);
    }

    /** The held patient with this alert; null if no held patient has it (the table is up to date for it then). */
    private Patient heldOwnerOf(AlertId alertId) {
        Patient owner = byAlert.get(alertId);
        return owner == null ? null : patients.get(owner.id);
    }

    private static void collectChanges(Patient patient, List<MedicationCourse> courses, List<StoredAlert> alerts) {
        patient.changedCourses.forEach(key -> courses.add(patient.courses.get(key)));
        patient.changedAlerts.forEach(id -> alerts.add(patient.alerts.get(id)));
        patient.changedCourses.clear();
        patient.changedAlerts.clear();
    }

    // --- statements -------------------------------------------------------------------------------------------

    private void readProgress(Collection<PrescriptionId> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Map<UUID, Long> found = new HashMap<>();
        query("select prescription_id, version from alert_progress where prescription_id = any(?)", "uuid",
                ids.stream().map(PrescriptionId::value).toArray(), (rs, n) -> found.put(
                        rs.getObject("prescription_id", UUID.class), rs.getLong("version")));
        for (PrescriptionId id : ids) {
            Long version = found.get(id.value());
            progress.put(id, new Progress(id, version != null, version != null ? version : -1L));
        }
    }

    private void readPatients(Collection<PatientId> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Map<PatientId, Patient> read = new HashMap<>();
        for (PatientId id : ids) {
            if (!patients.containsKey(id)) {
                read.put(id, new Patient(id));
            }
        }
        if (read.isEmpty()) {
            return;
        }
        Object[] values = read.keySet().stream().map(PatientId::value).toArray();
        Function<PatientId, Patient> holder = id -> read.computeIfAbsent(id, Patient::new);
        query(AlertRepository.SELECT_COURSE + " where patient_id = any(?)", "text", values, (rs, n) -> {
            MedicationCourse course = CourseColumns.read(rs, n);
            Patient patient = holder.apply(course.patientId());
            patient.courses.put(CourseKey.of(course), course);
            return null;
        });
        query(AlertRepository.SELECT_ALERT + " where patient_id = any(?)", "text", values, (rs, n) -> {
            StoredAlert alert = repository.mapAlert(rs, n);
            holder.apply(alert.patientId()).alerts.put(alert.alertId(), alert);
            return null;
        });
        for (Patient patient : read.values()) {
            patients.put(patient.id, patient);
            patient.courses.keySet().stream().filter(key -> key.prescriptionId() != null)
                    .forEach(key -> byPrescription.put(key.prescriptionId(), patient));
            patient.alerts.values().forEach(alert -> {
                if (alert.prescriptionId() != null) {
                    byPrescription.putIfAbsent(alert.prescriptionId(), patient);
                }
                byAlert.put(alert.alertId(), patient);
            });
        }
    }

    /** Whose rows the prescriptions' are, as the tables say (for prescriptions no held patient has rows of). */
    private Map<PrescriptionId, PatientId> owners(Collection<PrescriptionId> ids) {
        Map<PrescriptionId, PatientId> owners = new HashMap<>();
        query("""
                        select prescription_id, patient_id from medication_course where prescription_id = any(?)
                        union
                        select prescription_id, patient_id from medication_alert where prescription_id = any(?)
                        """, "uuid", ids.stream().map(PrescriptionId::value).toArray(),
                (rs, n) -> owners.put(new PrescriptionId(rs.getObject("prescription_id", UUID.class)),
                        PatientId.of(rs.getString("patient_id"))));
        return owners;
    }

    /** Runs {@code sql} with every {@code ?} bound to the array {@code values} of {@code type}, row by row. */
    private void query(String sql, String type, Object[] values, RowMapper<?> eachRow) {
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            Array array = connection.createArrayOf(type, values);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int parameters = (int) sql.chars().filter(c -> c == '?').count();
                for (int i = 1; i <= parameters; i++) {
                    statement.setArray(i, array);
                }
                try (ResultSet rs = statement.executeQuery()) {
                    int n = 0;
                    while (rs.next()) {
                        eachRow.mapRow(rs, n++);
                    }
                }
            } finally {
                array.free();
            }
            return null;
        });
    }

    private void write(List<MedicationCourse> courses, List<StoredAlert> alerts, List<Progress> progressChanged) {
        List<MedicationCourse> ofPrescriptions = courses.stream().filter(c -> c.prescriptionId() != null).toList();
        List<MedicationCourse> ofRecords = courses.stream().filter(c -> c.prescriptionId() == null).toList();
        if (!ofPrescriptions.isEmpty()) {
            jdbc.batchUpdate(UPSERT_COURSE.sql(), ofPrescriptions, WRITE_BATCH, (statement, course) ->
                    UPSERT_COURSE.bind(statement, CourseColumns.parameters(course)));
        }
        if (!ofRecords.isEmpty()) {
            jdbc.batchUpdate(UPSERT_RECORD_COURSE.sql(), ofRecords, WRITE_BATCH, (statement, course) ->
                    UPSERT_RECORD_COURSE.bind(statement, CourseColumns.parameters(course)));
        }
        if (!alerts.isEmpty()) {
            jdbc.batchUpdate(UPSERT_ALERT.sql(), alerts, WRITE_BATCH, (statement, alert) ->
                    UPSERT_ALERT.bind(statement, repository.alertParameters(alert)));
        }
        if (!progressChanged.isEmpty()) {
            jdbc.batchUpdate(UPSERT_PROGRESS.sql(), progressChanged, WRITE_BATCH, (statement, entry) ->
                    UPSERT_PROGRESS.bind(statement, AlertRepository.progressParameters(entry.prescriptionId,
                            entry.version)));
            progressChanged.forEach(entry -> entry.changed = false);
        }
        if (!consents.isEmpty()) {
            jdbc.batchUpdate(UPSERT_CONSENT.sql(), List.copyOf(consents.values()), WRITE_BATCH,
                    (statement, consent) -> UPSERT_CONSENT.bind(statement, ConsentColumns.parameters(
                            consent.patientId(), consent.sharingAllowed(), consent.changedAt(), consent.version())));
            consents.clear();
        }
    }
}
