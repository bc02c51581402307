package org.eprescription.query.prescription;

import org.eprescription.query.support.JsonColumns;
import org.eprescription.query.support.SqlTimestamps;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.code.CodeDerivation;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.PatientDetails;
import org.eprescription.core.prescription.PrescriberDetails;
import org.eprescription.core.prescription.PrescriptionStatus;
import org.eprescription.query.support.ReplayBuffer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code prescription_view} table (migration V10): one row per prescription. Lines, dispensings and pharmacists'
 * queries (V150) are jsonb,
 * written and read with the application's {@link ObjectMapper}; everything a query filters on has its own column.
 *
 * <p>The one store the projection writes through, live and in a replay, and in both it batches the same statements:
 * it holds the rows a batch's events change and writes them as JDBC batches ({@link HeldViews}). Live, the projection
 * takes an instance per event processor batch ({@link #forBatch}), written out before the batch commits; a replay's
 * instance ({@link #forReplay}) keeps rows across batches, driven by the replay through {@link #replayBuffer()}.
 * Called outside a batch, {@link #load} and {@link #save} are a statement each.
 */
@Repository
public class PrescriptionViewRepository {

    /** Rows a replay holds at most between batches: a prescription's events seldom lie further apart in a store. */
    public static final int REPLAY_CAPACITY = 50_000;

    static final String SELECT = """
            select prescription_id, status, patient_id, patient_birth_date, patient_name, prescriber_id,
                   institution_id, refills, uses_left, current_use, valid_until, pharmacy_id, cancellation_requested,
                   cancellation_requested_at, cancellation_outcome, cancellation_settled_at, refill_planned, refill_opens, refill_closes, lines, dispensings, issued_at, issued_on, updated_at, version,
                   held_since, last_dispensed_at, last_position, queries
              from prescription_view
            """;
    /** A live holder first, then the newest: a final prescription's code may have been handed out again. */
    private static final String SELECT_EXCHANGE_CODE_HOLDER = SELECT.replaceFirst("select ",
            "select exchange_code_hash, ") + """
             where exchange_code_hash = any(:hashes)
             order by status in ('COMPLETED', 'CANCELLED', 'EXPIRED'), issued_at desc, prescription_id
             limit 1""";
    private static final String SELECT_FOR_PATIENT = SELECT.replaceFirst("select ",
            "select exchange_code_key_id, exchange_code_attempt, ")
            + " where patient_id = :patient order by issued_at desc, prescription_id";

    /*
     * One statement inserts or updates. The exchange code hash, key id and attempt come only with PrescriptionIssued:
     * null keeps the stored ones (and a row that does not exist yet cannot be created without a hash: not null).
     * The version guard never lets an older view overwrite a newer one.
     */
    static final String UPSERT = """
            insert into prescription_view (
                prescription_id, status, patient_id, patient_birth_date, patient_name, prescriber_id, institution_id,
                exchange_code_hash, refills, uses_left, current_use, valid_until, pharmacy_id, cancellation_requested,
                cancellation_requested_at, cancellation_outcome, cancellation_settled_at, refill_planned, refill_opens, refill_closes, expires_after, lines, dispensings, issued_at, issued_on, updated_at,
                version, held_since, last_dispensed_at, last_position, exchange_code_key_id, exchange_code_attempt,
                queries)
            values (
                :prescriptionId, :status, :patientId, :patientBirthDate, :patientName, :prescriberId, :institutionId,
                coalesce(cast(:exchangeCodeHash as text),
                         (select v.exchange_code_hash from prescription_view v where v.prescription_id = :prescriptionId)),
                :refills, :usesLeft, :currentUse, :validUntil, :pharmacyId, :cancellationRequested,
                :cancellationRequestedAt, :cancellationOutcome, :cancellationSettledAt, :refillPlanned, :refillOpens, :refillCloses, :expiresAfter, cast(:lines as jsonb),
                cast(:dispensings as jsonb), :issuedAt, :issuedOn, :updatedAt, :version, :heldSince, :lastDispensedAt,
                :lastPosition, cast(:exchangeCodeKeyId as text), cast(:exchangeCodeAttempt as int),
                cast(:queries as jsonb))
            on conflict (prescription_id) do update set
                status = excluded.status,
                patient_id = excluded.patient_id,
                patient_birth_date = excluded.patient_birth_date,
                patient_name = excluded.patient_name,
                prescriber_id = excluded.prescriber_id,
                institution_id = excluded.institution_id,
                exchange_code_hash = excluded.exchange_code_hash,
                refills = excluded.refills,
                uses_left = excluded.uses_left,
                current_use = excluded.current_use,
                valid_until = excluded.valid_until,
                pharmacy_id = excluded.pharmacy_id,
                cancellation_requested = excluded.cancellation_requested,
                cancellation_requested_at = excluded.cancellation_requested_at,
                cancellation_outcome = excluded.cancellation_outcome,
                cancellation_settled_at = excluded.cancellation_settled_at,
                refill_planned = excluded.refill_planned,
                refill_opens = excluded.refill_opens,
                refill_closes = excluded.refill_closes,
                expires_after = excluded.expires_after,
                lines = excluded.lines,
                dispensings = excluded.dispensings,
                issued_at = excluded.issued_at,
                issued_on = excluded.issued_on,
                updated_at = excluded.updated_at,
                version = excluded.version,
                held_since = excluded.held_since,
                last_dispensed_at = excluded.last_dispensed_at,
                last_position = excluded.last_position,
                exchange_code_key_id = coalesce(excluded.exchange_code_key_id, prescription_view.exchange_code_key_id),
                exchange_code_attempt = coalesce(excluded.exchange_code_attempt,
                                                 prescription_view.exchange_code_attempt),
                queries = excluded.queries
            where prescription_view.version < excluded.version
            """;

    private final JdbcClient jdbc;
    /** What a batch's rows are read and written with; null if this instance cannot batch. */
    private final JdbcTemplate template;
    private final ObjectMapper objectMapper;
    /** Names the lines of every view read whose names no event recorded (ViewLine). */
    private final DrugCatalogue catalogue;
    private final JsonColumns json;
    private final RowMapper<PrescriptionView> rowMapper = this::mapRow;
    /** Null for the shared instance: every call is its statement. */
    private final HeldViews held;

    @Autowired
    public PrescriptionViewRepository(JdbcTemplate jdbc, ObjectMapper objectMapper, DrugCatalogue catalogue) {
        this(JdbcClient.create(jdbc), jdbc, objectMapper, catalogue, 0);
    }

    /** A repository whose {@link #forBatch} does not batch: every call is its statement. */
    public PrescriptionViewRepository(JdbcClient jdbc, ObjectMapper objectMapper, DrugCatalogue catalogue) {
        this(jdbc, null, objectMapper, catalogue, 0);
    }

    private PrescriptionViewRepository(JdbcClient jdbc, JdbcTemplate template, ObjectMapper objectMapper,
                                       DrugCatalogue catalogue, int capacity) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.template = template;
        this.objectMapper = Objects.requireNonNull(objectMapper, "objectMapper");
        this.json = new JsonColumns(objectMapper);
        this.held = capacity > 0 ? new HeldViews(template, this, capacity) : null;
    }

    /**
     * A store for one replay (one thread), writing wherever the replay's transactions point the search path: up to
     * {@code capacity} rows held between batches, written in JDBC batches.
     */
    public static PrescriptionViewRepository forReplay(JdbcTemplate jdbc, ObjectMapper objectMapper,
                                                       DrugCatalogue catalogue, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        return new PrescriptionViewRepository(JdbcClient.create(jdbc), jdbc, objectMapper, catalogue, capacity);
    }

    /**
     * A store for one event processor batch: the rows its events name read in one statement before the first is
     * handled, held while they change, and written as one JDBC batch when {@link ReplayBuffer#flush} is called
     * (before the batch commits). This instance itself if it cannot batch.
     */
    public PrescriptionViewRepository forBatch() {
        if (template == null || held != null) {
            return this;
        }
        return new PrescriptionViewRepository(jdbc, template, objectMapper, catalogue, Integer.MAX_VALUE);
    }

    /** What the replay tells where its batches begin and end; nothing to tell live. */
    public ReplayBuffer replayBuffer() {
        return held == null ? ReplayBuffer.NONE : held;
    }

    public Optional<PrescriptionView> load(PrescriptionId prescriptionId) {
        if (held != null) {
            return held.load(prescriptionId);
        }
        return jdbc.sql(SELECT + " where prescription_id = :id")
                .param("id", prescriptionId.value())
                .query(rowMapper)
                .optional();
    }

    /**
     * Inserts or replaces the row of {@code view}, unless the stored row is already at the same or a later version.
     *
     * @param issuedCode required when the row is created (from PrescriptionIssued); null keeps the stored one
     * @return whether the row was written (in a replay: will be)
     */
    public boolean save(PrescriptionView view, IssuedCode issuedCode) {
        if (held != null) {
            return held.save(view, issuedCode);
        }
        return jdbc.sql(UPSERT).params(parameters(view, issuedCode)).update() > 0;
    }

    /** The parameters of {@link #UPSERT} for {@code view}. */
    Map<String, Object> parameters(PrescriptionView view, IssuedCode issuedCode) {
        PrescriptionStatus status = view.status();
        RefillWindow window = view.refillWindow();
        CancellationRequest request = view.cancellationRequest();
        Map<String, Object> parameters = new HashMap<>(64);
        parameters.put("prescriptionId", view.prescriptionId().value());
        parameters.put("status", status.name());
        parameters.put("patientId", view.patient().id().value());
        parameters.put("patientBirthDate", view.patient().birthDate());
        parameters.put("patientName", view.patient().name());
        parameters.put("prescriberId", view.prescriber().id().value());
        parameters.put("institutionId", view.prescriber().institutionId().value());
        parameters.put("exchangeCodeHash", issuedCode == null ? null : issuedCode.hash());
        CodeDerivation derivation = issuedCode == null ? null : issuedCode.derivation();
        parameters.put("exchangeCodeKeyId", derivation == null ? null : derivation.keyId());
        parameters.put("exchangeCodeAttempt", derivation == null ? null : derivation.attempt());
        parameters.put("refills", view.refills());
        parameters.put("usesLeft", view.usesLeft());
        parameters.put("currentUse", view.currentUse());
        parameters.put("validUntil", view.validUntil());
        parameters.put("pharmacyId", view.pharmacyId() == null ? null : view.pharmacyId().value());
        parameters.put("cancellationRequested", view.cancellationRequested());
        parameters.put("cancellationRequestedAt",
                request == null ? null : SqlTimestamps.timestamp(request.requestedAt()));
        parameters.put("cancellationOutcome", request == null ? null : request.outcome().name());
        parameters.put("cancellationSettledAt",
                request == null ? null : SqlTimestamps.timestamp(request.settledAt()));
        parameters.put("refillPlanned", window == null ? null : window.plannedDate());
        parameters.put("refillOpens", window == null ? null : window.opens());
        parameters.put("refillCloses", window == null ? null : window.closes());
        parameters.put("expiresAfter", expiresAfter(view));
        parameters.put("lines", writeLines(view.lines()));
        parameters.put("dispensings", json.write(view.dispensings()));
        parameters.put("issuedAt", SqlTimestamps.timestamp(view.issuedAt()));
        parameters.put("issuedOn", view.issuedOn());
        parameters.put("updatedAt", SqlTimestamps.timestamp(view.updatedAt()));
        parameters.put("version", view.version());
        parameters.put("heldSince", SqlTimestamps.timestamp(view.heldSince()));
        parameters.put("lastDispensedAt", SqlTimestamps.timestamp(view.lastDispensedAt()));
        parameters.put("lastPosition", view.lastPosition() < 0 ? null : view.lastPosition());
        parameters.put("queries", json.write(view.queries()));
        return parameters;
    }

    public Optional<PrescriptionView> findByExchangeCodeHash(String exchangeCodeHash) {
        return findExchangeCodeHolder(List.of(exchangeCodeHash)).map(ExchangeCodeHolder::view);
    }

    /**
     * The prescription holding one of these hashes (a typed code's hash under each key), with the hash it holds. A
     * final prescription's code may have been handed out again: a live holder comes first, then the newest.
     */
    public Optional<ExchangeCodeHolder> findExchangeCodeHolder(Collection<String> exchangeCodeHashes) {
        return jdbc.sql(SELECT_EXCHANGE_CODE_HOLDER)
                .param("hashes", exchangeCodeHashes.toArray(String[]::new))
                .query((rs, row) -> new ExchangeCodeHolder(mapRow(rs, row), rs.getString("exchange_code_hash")))
                .optional();
    }

    /** Newest first. */
    public List<PrescriptionView> findByInstitution(InstitutionId institutionId, int limit) {
        return jdbc.sql(SELECT + " where institution_id = :institution order by issued_at desc, prescription_id limit :limit")
                .param("institution", institutionId.value())
                .param("limit", limit)
                .query(rowMapper)
                .list();
    }

    /**
     * The patient's own list, newest first: the open prescriptions (waiting for a pharmacy) with how their exchange
     * code was derived.
     */
    public List<PatientPrescription> findForPatient(PatientId patientId) {
        return jdbc.sql(SELECT_FOR_PATIENT)
                .param("patient", patientId.value())
                .query((rs, row) -> {
                    PrescriptionView view = mapRow(rs, row);
                    String keyId = rs.getString("exchange_code_key_id");
                    boolean open = view.status() == PrescriptionStatus.ISSUED
                            || view.status() == PrescriptionStatus.AWAITING_REFILL;
                    return new PatientPrescription(view, open && keyId != null
                            ? new CodeDerivation(keyId, rs.getInt("exchange_code_attempt")) : null);
                })
                .list();
    }

    /** Newest first. */
    public List<PrescriptionView> findByPatient(PatientId patientId) {
        return jdbc.sql(SELECT + " where patient_id = :patient order by issued_at desc, prescription_id")
                .param("patient", patientId.value())
                .query(rowMapper)
                .list();
    }

    /** What {@code pharmacy} holds now, longest held first. */
    public List<PrescriptionView> findHeldBy(PharmacyId pharmacy) {
        return jdbc.sql(SELECT + " where pharmacy_id = :pharmacy order by held_since, prescription_id")
                .param("pharmacy", pharmacy.value())
                .query(rowMapper)
                .list();
    }

    /**
     * What {@code pharmacy} dispensed at or after {@code since} (any use), most recently dispensed first. The
     * indexed {@code last_dispensed_at} narrows the rows; the dispensings say which pharmacy dispensed.
     */
    public List<PrescriptionView> findDispensedBySince(PharmacyId pharmacy, Instant since) {
        return jdbc.sql(SELECT + """
                         where last_dispensed_at >= :since
                           and exists (select 1 from jsonb_array_elements(dispensings) d
                                        where d ->> 'pharmacyId' = :pharmacy
                                          and cast(d ->> 'dispensedAt' as timestamptz) >= :since)
                         order by last_dispensed_at desc, prescription_id
                        """)
                .param("pharmacy", pharmacy.value())
                .param("since", SqlTimestamps.timestamp(since))
                .query(rowMapper)
                .list();
    }

    /**
     * Prescriptions a pharmacy has held since before {@code cutoff} with no dispensing since {@code cutoff}, longest
     * held first.
     */
    public List<PrescriptionView> findHeldWithoutDispensingSince(Instant cutoff, int limit) {
        return jdbc.sql(SELECT + """
                         where pharmacy_id is not null and held_since < :cutoff
                           and (last_dispensed_at is null or last_dispensed_at < :cutoff)
                         order by held_since, prescription_id
                         limit :limit
                        """)
                .param("cutoff", SqlTimestamps.timestamp(cutoff))
                .param("limit", limit)
                .query(rowMapper)
                .list();
    }

    /** Prescriptions waiting for a pharmacy whose deadline lies before {@code today}, oldest deadline first. */
    public List<PrescriptionId> findExpiryCandidates(LocalDate today, int limit) {
        return findExpiryCandidates(today, limit, null).prescriptionIds();
    }

    /** As {@link #findExpiryCandidates(LocalDate, int)}, from after {@code after} (null: the first), with the next page. */
    public ExpiryCandidates findExpiryCandidates(LocalDate today, int limit, ExpiryCandidates.Cursor after) {
        List<ExpiryCandidates.Cursor> page = jdbc.sql("""
                        select expires_after, prescription_id from prescription_view
                         where status in ('ISSUED', 'AWAITING_REFILL') and expires_after < :today
                           and (cast(:afterDay as date) is null
                                or (expires_after, prescription_id) > (cast(:afterDay as date), cast(:afterId as uuid)))
                         order by expires_after, prescription_id
                         limit :limit
                        """)
                .param("today", today)
                .param("afterDay", after == null ? null : after.expiresAfter())
                .param("afterId", after == null ? null : after.prescriptionId().value())
                .param("limit", limit)
                .query((rs, rowNum) -> new ExpiryCandidates.Cursor(rs.getObject("expires_after", LocalDate.class),
                        new PrescriptionId(rs.getObject("prescription_id", UUID.class))))
                .list();
        return new ExpiryCandidates(page.stream().map(ExpiryCandidates.Cursor::prescriptionId).toList(),
                page.isEmpty() || page.size() < limit ? null : page.get(page.size() - 1));
    }

    /** The deadline the expiry sweep checks: validUntil while ISSUED, the refill window's end while AWAITING_REFILL. */
    static LocalDate expiresAfter(PrescriptionView view) {
        return switch (view.status()) {
            case ISSUED -> view.validUntil();
            case AWAITING_REFILL -> view.refillWindow() == null ? null : view.refillWindow().closes();
            default -> null;
        };
    }

    /**
     * A view's lines as its row keeps them: a line whose names its event recorded keeps them and says so
     * ({@code namesRecorded}); any other keeps none, the catalogue names it when read (docs/architecture.md,
     * "Reference data").
     */
    private String writeLines(List<ViewLine> lines) {
        StringBuilder written = new StringBuilder("[");
        for (ViewLine line : lines) {
            if (written.length() > 1) {
                written.append(',');
            }
            String one = json.write(line.withoutNames());
            written.append(line.namesRecorded()
                    ? "{\"" + ViewLine.NAMES_RECORDED + "\":true," + one.substring(1) : one);
        }
        return written.append(']').toString();
    }

    /** The lines of a row: recorded names as kept, the others named by the catalogue the exchange runs with. */
    private List<ViewLine> readLines(String stored) {
        List<ViewLine> lines = json.readList(stored, ViewLine.class);
        if (lines.isEmpty()) {
            return lines;
        }
        JsonNode flags;
        try {
            flags = objectMapper.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a view's lines", e);
        }
        List<ViewLine> named = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            named.add(lines.get(i).withNamesRecorded(flags.path(i).path(ViewLine.NAMES_RECORDED).asBoolean(false))
                    .namedBy(catalogue));
        }
        return named;
    }

    PrescriptionView mapRow(ResultSet rs, int rowNum) throws SQLException {
        String pharmacy = rs.getString("pharmacy_id");
        LocalDate refillCloses = rs.getObject("refill_closes", LocalDate.class);
        int currentUse = rs.getInt("current_use");
        String cancellationOutcome = rs.getString("cancellation_outcome");
        CancellationRequest cancellationRequest = cancellationOutcome == null ? null : new CancellationRequest(
                SqlTimestamps.instant(rs.getObject("cancellation_requested_at", OffsetDateTime.class)),
                CancellationRequest.Outcome.valueOf(cancellationOutcome),
                SqlTimestamps.instant(rs.getObject("cancellation_settled_at", OffsetDateTime.class)));
        RefillWindow window = refillCloses == null ? null : new RefillWindow(currentUse,
                rs.getObject("refill_planned", LocalDate.class), rs.getObject("refill_opens", LocalDate.class),
                refillCloses);
        return new PrescriptionView(
                new PrescriptionId(rs.getObject("prescription_id", UUID.class)),
                PrescriptionStatus.valueOf(rs.getString("status")),
                new PatientDetails(new PatientId(rs.getString("patient_id")),
                        rs.getObject("patient_birth_date", LocalDate.class), rs.getString("patient_name")),
                new PrescriberDetails(new PrescriberId(rs.getString("prescriber_id")),
                        new InstitutionId(rs.getString("institution_id"))),
                readLines(rs.getString("lines")),
                rs.getInt("refills"),
                rs.getInt("uses_left"),
                currentUse,
                rs.getObject("valid_until", LocalDate.class),
                pharmacy == null ? null : new PharmacyId(pharmacy),
                rs.getBoolean("cancellation_requested"),
                cancellationRequest,
                window,
                json.readList(rs.getString("dispensings"), Dispensing.class),
                SqlTimestamps.instant(rs.getObject("issued_at", OffsetDateTime.class)),
                rs.getObject("issued_on", LocalDate.class),
                SqlTimestamps.instant(rs.getObject("updated_at", OffsetDateTime.class)),
                rs.getLong("version"),
                SqlTimestamps.instant(rs.getObject("held_since", OffsetDateTime.class)),
                SqlTimestamps.instant(rs.getObject("last_dispensed_at", OffsetDateTime.class)),
                rs.getObject("last_position") == null ? -1 : rs.getLong("last_position"),
                json.readList(rs.getString("queries"), PrescriberQuery.class), 0);
    }
}
