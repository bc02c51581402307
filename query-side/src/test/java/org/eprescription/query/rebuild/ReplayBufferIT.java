package org.eprescription.query.rebuild;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.StreamableMessageSource;
import org.eprescription.core.catalogue.CatalogueCsvLoader;
import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.consent.ConsentGiven;
import org.eprescription.core.consent.ConsentWithdrawn;
import org.eprescription.core.consent.PatientConsent;
import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.interaction.AlertIds;
import org.eprescription.core.interaction.AlertType;
import org.eprescription.core.interaction.CheckTrigger;
import org.eprescription.core.interaction.CourseStatus;
import org.eprescription.core.interaction.RecordedAlert;
import org.eprescription.core.interaction.RecordedConflict;
import org.eprescription.core.interaction.RecordedCourse;
import org.eprescription.core.prescription.event.InteractionCheckCompleted;
import org.eprescription.core.prescription.AlertAcknowledgement;
import org.eprescription.core.prescription.DispensedItem;
import org.eprescription.core.ids.Party;
import org.eprescription.core.prescription.PatientDetails;
import org.eprescription.core.prescription.PrescribedLine;
import org.eprescription.core.prescription.Prescription;
import org.eprescription.core.prescription.PrescriberDetails;
import org.eprescription.core.prescription.event.AlertAcknowledged;
import org.eprescription.core.prescription.event.CancellationRequested;
import org.eprescription.core.prescription.event.PrescriptionAccepted;
import org.eprescription.core.prescription.event.PrescriptionCancelled;
import org.eprescription.core.prescription.event.PrescriptionCompleted;
import org.eprescription.core.prescription.event.PrescriptionDispensed;
import org.eprescription.core.prescription.event.PrescriptionEvent;
import org.eprescription.core.prescription.event.PrescriptionExpired;
import org.eprescription.core.prescription.event.PrescriptionIssued;
import org.eprescription.core.prescription.event.PrescriptionReleased;
import org.eprescription.core.prescription.event.RefillScheduled;
import org.eprescription.query.alerts.AlertProgressUpdates;
import org.eprescription.query.alerts.AlertProjection;
import org.eprescription.query.alerts.store.AlertRepository;
import org.eprescription.query.prescription.PrescriptionViewProjection;
import org.eprescription.query.prescription.PrescriptionViewRepository;
import org.eprescription.query.prescription.PrescriptionViewUpdates;
import org.eprescription.query.prescription.ViewChangeAnnouncer;
import org.eprescription.query.support.ReplayBuffer;
import org.eprescription.query.testsupport.TestDatabase;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ParameterizedPreparedStatementSetter;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.core.testsupport.SampleDrugs.CATALOGUE;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A replay through the projections' stores made for a replay (rows held in memory, read and written in batches) builds
 * exactly the tables the live projections build event by event through the same stores' live instances: a few hundred interleaved lifecycles
 * of every kind for a small pool of patients (so alerts come and go), consents, redelivered events and events without
 * the patient metadata, replayed with capacities so small that rows keep leaving memory and coming back.
 */
class ReplayBufferIT {

    static final DrugCatalogue CATALOGUE = CatalogueCsvLoader.bundledSample();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-19T20:00:00Z"), ZoneId.of("Asia/Tokyo"));
    static final String[] DRUGS = {"2171022F1021", "2171022F3024", "2149114F1026", "1129009F1025", "1129009F2021",
            "1124007F1024", "6290002M1021", "2189015F1023", "3962002F1024", "2649735S1028"};
    static final Instant START = Instant.parse("2026-01-05T01:00:00Z");

    @AutoClose
    private static TestDatabase database;
    private static JdbcClient jdbc;
    private static CountingJdbcTemplate jdbcTemplate;
    private static ScratchTables scratch;
    private static List<TrackedEventMessage<?>> events;

    @BeforeAll
    static void liveProjectionsHandleEveryEvent() throws Exception {
        database = new TestDatabase();
        jdbc = database.jdbcClient();
        jdbcTemplate = new CountingJdbcTemplate(database.dataSource());
        scratch = new ScratchTables(jdbc, new DataSourceTransactionManager(database.dataSource()));
        events = new Scenario(new Random(20261129)).events(300, 20);

        PrescriptionViewRepository views = new PrescriptionViewRepository(jdbc, TestDatabase.OBJECT_MAPPER, CATALOGUE);
        AnnotationEventHandlerAdapter liveViews = new AnnotationEventHandlerAdapter(new PrescriptionViewProjection(
                views, CATALOGUE, new PrescriptionViewUpdates(views, ViewChangeAnnouncer.NONE, Clock.systemUTC())));
        AnnotationEventHandlerAdapter liveAlerts = new AnnotationEventHandlerAdapter(new AlertProjection(
                new AlertRepository(jdbc, TestDatabase.OBJECT_MAPPER), new AlertProgressUpdates()));
        long started = System.nanoTime();
        // batches of one transaction each, as the live processors handle them
        TransactionTemplate transaction = new TransactionTemplate(
                new DataSourceTransactionManager(database.dataSource()));
        for (int from = 0; from < events.size(); from += 100) {
            List<TrackedEventMessage<?>> batch = events.subList(from, Math.min(events.size(), from + 100));
            transaction.executeWithoutResult(status -> {
                for (TrackedEventMessage<?> event : batch) {
                    try {
                        liveViews.handle(event);
                        liveAlerts.handle(event);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
        }
        System.out.printf("live projections: %d events in %d ms%n", events.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    @Test
    void theScenarioHasWhatTheStoresMustGetRight() {
        assertThat(events).hasSizeGreaterThan(1000);
        assertThat(jdbc.sql("select count(*) from medication_alert").query(Long.class).single()).isGreaterThan(30);
        assertThat(jdbc.sql("select count(*) from medication_alert where status = 'RESOLVED'").query(Long.class)
                .single()).isPositive();
        assertThat(jdbc.sql("select count(*) from medication_alert where acknowledgements <> '[]'").query(Long.class)
                .single()).isPositive();
        assertThat(jdbc.sql("select count(distinct status) from prescription_view").query(Long.class).single())
                .isGreaterThanOrEqualTo(6);
        assertThat(jdbc.sql("select count(*) from medication_course where status = 'STOPPED'").query(Long.class)
                .single()).isPositive();
        assertThat(jdbc.sql("select count(*) from patient_consent").query(Long.class).single()).isPositive();
    }

    @Test
    void smallCapacitiesAndBatchesRebuildTheSameRows() throws Exception {
        assertRebuildsTheLiveRows("replay_small", 7, 3, 2, 5);
    }

    @Test
    void largeCapacitiesAndOneBatchRebuildTheSameRows() throws Exception {
        assertRebuildsTheLiveRows("replay_large", 100_000, 100_000, 100_000, 100_000);
    }

    @Test
    void catchingUpInStepsRebuildsTheSameRows() throws Exception {
        // the first catch-up sees part of the store, the second the rest (as a replay does while events arrive)
        assertRebuildsTheLiveRows("replay_steps", 50, 40, 10, 30, events.size() / 3);
    }

    /**
     * Batching is what makes a replay fast: the replay's stores read what a batch needs in a few statements and write
     * rows in JDBC batches, so the statements sent one at a time are a small fraction of the events.
     */
    @Test
    void theReplaysStoresSendStatementsInBatchesNotOnePerEvent() throws Exception {
        jdbcTemplate.reset();
        assertRebuildsTheLiveRows("replay_batched", 500, PrescriptionViewRepository.REPLAY_CAPACITY,
                AlertRepository.REPLAY_PATIENTS, AlertRepository.REPLAY_PRESCRIPTIONS);
        long handled = 2L * events.size();
        System.out.printf("replayed %d events into both projections: %d statements one at a time, %d rows in batches%n",
                events.size(), jdbcTemplate.singleStatements.get(), jdbcTemplate.batchedRows.get());
        assertThat(jdbcTemplate.batchedRows.get()).as("rows written in JDBC batches").isGreaterThan(events.size() / 2);
        assertThat(jdbcTemplate.singleStatements.get()).as("statements sent one at a time for %d events", handled)
                .isLessThan(handled / 20);
    }

    private void assertRebuildsTheLiveRows(String schema, int batch, int views, int patients, int prescriptions)
            throws Exception {
        assertRebuildsTheLiveRows(schema, batch, views, patients, prescriptions, events.size());
    }

    private void assertRebuildsTheLiveRows(String schema, int batch, int views, int patients, int prescriptions,
                                           int firstStep) throws Exception {
        for (ProjectionDefinition definition : definitions(views, patients, prescriptions)) {
            long started = System.nanoTime();
            replay(List.of(definition), schema, batch, firstStep);
            System.out.printf("%s replayed into %s in %d ms%n", definition.name(), schema,
                    (System.nanoTime() - started) / 1_000_000);
            assertTheCopiesEqualTheLiveTables(schema, definition);
        }
    }

    /** Both projections in one run: every event read once, applied to both side by side, in two catch-ups. */
    @Test
    void bothProjectionsFromOneReadingOfTheStoreRebuildTheSameRows() throws Exception {
        List<ProjectionDefinition> both = definitions(40, 10, 30);
        long started = System.nanoTime();

        ListSource source = replay(both, "replay_together", 50, events.size() / 3);

        System.out.printf("both projections replayed together in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        assertThat(source.delivered.get()).as("events read from the store").isEqualTo(events.size());
        for (ProjectionDefinition definition : both) {
            assertTheCopiesEqualTheLiveTables("replay_together", definition);
        }
    }

    /** A projection whose handlers fail ends the run with its failure, and the other does not keep it waiting. */
    @Test
    void aFailingProjectionFailsTheRunOfBoth() {
        List<ProjectionDefinition> both = List.of(definitions(40, 10, 30).get(0), new ProjectionDefinition(
                "failing", List.of(), () -> new ProjectionDefinition.Detached(new FailingHandlers(),
                ReplayBuffer.NONE)));
        scratch.create("replay_failing", both.get(0));
        try (EventReplayer.Run run = new EventReplayer(new ListSource(events), scratch, 50)
                .start(both, "replay_failing")) {
            assertThatThrownBy(() -> run.catchUp((done, position) -> { }))
                    .hasMessage("a bug in the projection");
        } finally {
            scratch.drop("replay_failing", both.get(0));
        }
    }

    /** Handles every event by failing. */
    static final class FailingHandlers {

        @EventHandler
        void on(Object event) {
            throw new IllegalStateException("a bug in the projection");
        }
    }

    private List<ProjectionDefinition> definitions(int views, int patients, int prescriptions) {
        return List.of(
                definition("prescription-view", List.of(new ProjectionTable("prescription_view",
                        List.of("prescription_id"))), () -> {
                    PrescriptionViewRepository store = PrescriptionViewRepository.forReplay(jdbcTemplate,
                            TestDatabase.OBJECT_MAPPER, CATALOGUE, views);
                    return new ProjectionDefinition.Detached(PrescriptionViewProjection.forReplay(store, CATALOGUE),
                            store.replayBuffer());
                }),
                definition("medication-alerts", List.of(
                        new ProjectionTable("medication_course", List.of("prescription_id", "line_number", "use_number")),
                        new ProjectionTable("medication_alert", List.of("alert_id")),
                        new ProjectionTable("patient_consent", List.of("patient_id")),
                        new ProjectionTable("alert_progress", List.of("prescription_id"))), () -> {
                    AlertRepository store = AlertRepository.forReplay(jdbcTemplate, TestDatabase.OBJECT_MAPPER,
                            patients, prescriptions);
                    return new ProjectionDefinition.Detached(AlertProjection.forReplay(store),
                            store.replayBuffer());
                }));
    }

    /**
     * Replays the projections in one run into fresh copies in {@code schema}: a first catch-up sees the first
     * {@code firstStep} events, the second the rest (as a replay does while events arrive).
     */
    private static ListSource replay(List<ProjectionDefinition> definitions, String schema, int batch, int firstStep)
            throws InterruptedException {
        definitions.forEach(definition -> scratch.create(schema, definition));
        ListSource source = new ListSource(events.subList(0, firstStep));
        EventReplayer replayer = new EventReplayer(source, scratch, batch);
        try (EventReplayer.Run run = replayer.start(definitions, schema)) {
            run.catchUp((done, position) -> { });
            source.visible = events;
            TrackingToken last = run.catchUp((done, position) -> { });
            assertThat(EventReplayer.position(last)).isEqualTo(events.size() - 1);
        }
        return source;
    }

    private static void assertTheCopiesEqualTheLiveTables(String schema, ProjectionDefinition definition) {
        Differences differences = new TableComparison(jdbc).compare("public", schema, definition, 5);
        assertThat(differences.count()).as("%s: %s", definition.name(), differences.examples()).isZero();
        assertThePlannerKnowsTheRows(schema, definition);
        scratch.drop(schema, definition);
    }

    /** Tables swapped in or compared without statistics would be read by whole-table scans until autovacuum came. */
    private static void assertThePlannerKnowsTheRows(String schema, ProjectionDefinition definition) {
        for (ProjectionTable table : definition.tables()) {
            String name = schema + "." + table.name();
            long rows = jdbc.sql("select count(*) from " + name).query(Long.class).single();
            double estimated = jdbc.sql("select reltuples from pg_class where oid = cast(:name as regclass)")
                    .param("name", name).query(Double.class).single();
            assertThat(estimated).as("rows the planner expects in %s", name).isEqualTo((double) rows);
        }
    }

    private static ProjectionDefinition definition(String name, List<ProjectionTable> tables,
                                                   Supplier<ProjectionDefinition.Detached> detached) {
        return new ProjectionDefinition(name, tables, detached);
    }

    @Test
    void handlersWithoutABufferStillWork() {
        assertThat(ReplayBuffer.NONE).isNotNull();
        ReplayBuffer.NONE.beforeBatch(List.of());
        ReplayBuffer.NONE.afterBatch();
        ReplayBuffer.NONE.flush();
    }

    /** Counts what goes to the database through it: single statements and reads, and rows sent in batches. */
    static final class CountingJdbcTemplate extends JdbcTemplate {
        final AtomicLong singleStatements = new AtomicLong();
        final AtomicLong batchedRows = new AtomicLong();

        CountingJdbcTemplate(DataSource dataSource) {
            super(dataSource);
        }

        void reset() {
            singleStatements.set(0);
            batchedRows.set(0);
        }

        @Override
        public int update(PreparedStatementCreator creator) {
            singleStatements.incrementAndGet();
            return super.update(creator);
        }

        @Override
        public <T> T query(PreparedStatementCreator creator, PreparedStatementSetter setter,
                           ResultSetExtractor<T> extractor) {
            singleStatements.incrementAndGet();
            return super.query(creator, setter, extractor);
        }

        @Override
        public <T> T execute(ConnectionCallback<T> action) {
            singleStatements.incrementAndGet();
            return super.execute(action);
        }

        @Override
        public <T> int[][] batchUpdate(String sql, Collection<T> batchArgs, int batchSize,
                                       ParameterizedPreparedStatementSetter<T> setter) {
            batchedRows.addAndGet(batchArgs.size());
            return super.batchUpdate(sql, batchArgs, batchSize, setter);
        }
    }

    /** The events of the store, as far as {@link #visible} goes, read like the JDBC event store reads them. */
    static final class ListSource implements StreamableMessageSource<TrackedEventMessage<?>> {
        volatile List<TrackedEventMessage<?>> visible;
        final AtomicLong delivered = new AtomicLong();

        ListSource(List<TrackedEventMessage<?>> visible) {
            this.visible = visible;
        }

        @Override
        public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
            return new BlockingStream<>() {
                int next = 0;

                @Override
                public Optional<TrackedEventMessage<?>> peek() {
                    return next < visible.size() ? Optional.of(visible.get(next)) : Optional.empty();
                }

                @Override
                public boolean hasNextAvailable(int timeout, TimeUnit unit) {
                    if (next >= visible.size() && timeout > 0) {
                        try {
                            unit.sleep(timeout);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return next < visible.size();
                }

                @Override
                public TrackedEventMessage<?> nextAvailable() {
                    delivered.incrementAndGet();
                    return visible.get(next++);
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public TrackingToken createTailToken() {
            return null;
        }

        @Override
        public TrackingToken createHeadToken() {
            return visible.isEmpty() ? null : visible.get(visible.size() - 1).trackingToken();
        }

        @Override
        public TrackingToken createTokenAt(Instant dateTime) {
            throw new UnsupportedOperationException();
        }
    }

    /**
     * Prescription lifecycles of every kind, interleaved in time for a pool of patients, with consents; the events
     * in the order (and with the sequence numbers) an event store would hold them.
     */
    static final class Scenario {
        private final Random random;
        private final List<Timed> timed = new ArrayList<>();
        private final Map<String, Long> sequences = new HashMap<>();
        /** Line 1 of each patient's prescriptions so far, for the alerts a check would name. */
        private final Map<PatientId, List<RecordedConflict>> courses = new HashMap<>();

        Scenario(Random random) {
            this.random = random;
        }

        record Timed(Instant at, long order, String type, String aggregate, Object payload, MetaData metaData) {
        }

        List<TrackedEventMessage<?>> events(int lifecycles, int patients) {
            for (int i = 0; i < lifecycles; i++) {
                lifecycle(PatientId.of("PAT-" + random.nextInt(patients)),
                        START.plus(Duration.ofHours(random.nextInt(24 * 150))));
            }
            for (int p = 0; p < patients; p += 3) {
                PatientId patient = PatientId.of("PAT-" + p);
                Instant at = START.plus(Duration.ofHours(random.nextInt(24 * 150)));
                consent(patient, new ConsentGiven(patient, at), at);
                if (p % 2 == 0) {
                    Instant later = at.plus(Duration.ofDays(10));
                    consent(patient, new ConsentWithdrawn(patient, later), later);
                }
            }
            timed.sort(Comparator.comparing(Timed::at).thenComparingLong(Timed::order));
            List<TrackedEventMessage<?>> messages = new ArrayList<>();
            Map<String, Long> next = new HashMap<>();
            List<TrackedEventMessage<?>> redeliveries = new ArrayList<>();
            for (Timed event : timed) {
                long sequence = next.merge(event.aggregate(), 1L, Long::sum) - 1;
                GenericDomainEventMessage<?> domain = new GenericDomainEventMessage<>(event.type(), event.aggregate(),
                        sequence, event.payload(), event.metaData(), UUID.randomUUID().toString(), event.at());
                TrackedEventMessage<?> tracked = new GenericTrackedDomainEventMessage<>(
                        new GlobalSequenceTrackingToken(messages.size()), domain);
                messages.add(tracked);
                if (random.nextInt(40) == 0) {
                    redeliveries.add(tracked);
                }
                if (!redeliveries.isEmpty() && random.nextInt(10) == 0) {
                    // the same event once more (a retried batch), at a later position
                    TrackedEventMessage<?> again = redeliveries.remove(0);
                    messages.add(again(again, messages.size()));
                }
            }
            return messages;
        }

        private static <T> TrackedEventMessage<T> again(TrackedEventMessage<T> event, long position) {
            return new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(position),
                    (DomainEventMessage<T>) event);
        }

        private void lifecycle(PatientId patient, Instant issuedAt) {
            PrescriptionId id = PrescriptionId.random();
            int institution = random.nextInt(3) + 1;
            InstitutionId hospital = InstitutionId.of("HOSP-" + institution);
            PrescriberId doctor = PrescriberId.of("DOC-" + institution);
            PharmacyId pharmacy = PharmacyId.of("PH-" + (random.nextInt(3) + 1));
            PharmacistId pharmacist = PharmacistId.of("RPH-" + pharmacy.value());
            List<PrescribedLine> lines = new ArrayList<>();
            boolean interacting = random.nextInt(8) == 0;
            if (interacting) {
                lines.add(line(1, "1124007F1024", 14));
                lines.add(line(2, "6290002M1021", 7));
            } else {
                lines.add(line(1, DRUGS[random.nextInt(DRUGS.length)], 7 + random.nextInt(50)));
                if (random.nextInt(4) == 0) {
                    lines.add(line(2, DRUGS[random.nextInt(DRUGS.length)], 7 + random.nextInt(30)));
                }
            }
            int refills = random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0;
            List<AlertAcknowledgement> acknowledged = interacting && random.nextBoolean()
                    ? List.of(new AlertAcknowledgement(AlertIds.of(id, 2, AlertType.CONTRAINDICATED,
                    "itraconazole+triazolam"), "known and watched")) : List.of();
            Instant t = issuedAt;
            prescription(id, patient, new PrescriptionIssued(id, new PatientDetails(patient, LocalDate.of(1950, 1, 1),
                    "Patient " + patient.value()), new PrescriberDetails(doctor, hospital), lines, refills,
                    LocalDate.ofInstant(issuedAt, ZoneId.of("UTC")).plusDays(3), "hash-" + id, "k1", 0, acknowledged,
                    issuedAt, java.time.LocalDate.ofInstant(issuedAt, java.time.ZoneOffset.UTC)), t);
            List<RecordedCourse> plannedAtIssue = courses(lines, 1, LocalDate.ofInstant(t, ZoneId.of("UTC")),
                    CourseStatus.PLANNED);
            List<RecordedAlert> raised = new ArrayList<>();
            if (interacting) {
                raised.add(alert(id, 2, AlertType.CONTRAINDICATED, "itraconazole+triazolam", plannedAtIssue.get(1),
                        new RecordedConflict(id, 1, 1, lines.get(0).drugCode(), plannedAtIssue.get(0).from(),
                                plannedAtIssue.get(0).to(), CourseStatus.PLANNED, hospital, doctor, false)));
            }
            raised.addAll(conflictsWithEarlier(patient, id, plannedAtIssue.get(0)));
            prescription(id, patient, check(id, patient, hospital, doctor, CheckTrigger.ISSUE, plannedAtIssue, raised,
                    t), t);
            courses.computeIfAbsent(patient, p -> new ArrayList<>()).add(new RecordedConflict(id, 1, 1,
                    plannedAtIssue.get(0).drugCode(), plannedAtIssue.get(0).from(), plannedAtIssue.get(0).to(),
                    CourseStatus.PLANNED, hospital, doctor, false));
            if (!acknowledged.isEmpty()) {
                prescription(id, patient, new AlertAcknowledged(id, acknowledged.get(0).alertId(),
                        acknowledged.get(0).reason(), Party.prescriber(doctor, hospital), t, null), t);
            }
            if (interacting && acknowledged.isEmpty()) {
                t = t.plus(Duration.ofMinutes(5));
                prescription(id, patient, new AlertAcknowledged(id, AlertIds.of(id, 2, AlertType.CONTRAINDICATED,
                        "itraconazole+triazolam"), "benefit outweighs the risk", Party.prescriber(doctor, hospital),
                        t, null), t);
            }
            if (random.nextInt(30) == 0) {
                t = t.plus(Duration.ofMinutes(7));
                prescription(id, patient, new AlertAcknowledged(id, AlertId.of("no-such-alert-" + id), "typo",
                        Party.prescriber(doctor, hospital), t, null), t);
            }
            int kind = random.nextInt(12);
            if (kind == 7) {
                return;
            }
            if (kind == 0) {
                t = t.plus(Duration.ofHours(2));
                prescription(id, patient, new PrescriptionCancelled(id, hospital, doctor, "wrong", t), t);
                return;
            }
            if (kind == 1) {
                t = t.plus(Duration.ofDays(5));
                prescription(id, patient, new PrescriptionExpired(id, 1, t), t);
                return;
            }
            for (int use = 1; use <= refills + 1; use++) {
                t = t.plus(Duration.ofHours(1 + random.nextInt(30)));
                prescription(id, patient, new PrescriptionAccepted(id, pharmacy, pharmacist, use, t), t);
                if (kind == 8) {
                    return;
                }
                if (kind == 2 && use == 1) {
                    t = t.plus(Duration.ofHours(1));
                    prescription(id, patient, new CancellationRequested(id, hospital, doctor, pharmacy, "stop", t), t);
                    t = t.plus(Duration.ofHours(1));
                    prescription(id, patient, new PrescriptionReleased(id, pharmacy, use, "cancelled", t), t);
                    prescription(id, patient, new PrescriptionCancelled(id, hospital, doctor, "stop", t), t);
                    return;
                }
                if (kind == 3) {
                    t = t.plus(Duration.ofHours(1));
                    prescription(id, patient, new PrescriptionReleased(id, pharmacy, use, "no stock", t), t);
                    t = t.plus(Duration.ofHours(3));
                    prescription(id, patient, new PrescriptionAccepted(id, pharmacy, pharmacist, use, t), t);
                }
                if (kind == 4) {
                    t = t.plus(Duration.ofMinutes(30));
                    prescription(id, patient, dispensed(id, pharmacy, pharmacist, use, lines, false, t, true), t);
                }
                t = t.plus(Duration.ofHours(1 + random.nextInt(5)));
                prescription(id, patient, dispensed(id, pharmacy, pharmacist, use, lines, true, t, kind == 4), t);
                List<RecordedCourse> handedOut = courses(lines, use, LocalDate.ofInstant(t, ZoneId.of("UTC")),
                        CourseStatus.DISPENSED);
                if (use <= refills) {
                    LocalDate planned = LocalDate.ofInstant(t, ZoneId.of("UTC")).plusDays(lines.get(0).days());
                    prescription(id, patient, new RefillScheduled(id, use + 1, planned, planned.minusDays(7),
                            planned.plusDays(7), t, lines.get(0).days()), t);
                    List<RecordedCourse> recorded = new ArrayList<>(handedOut);
                    recorded.addAll(courses(lines, use + 1, planned, CourseStatus.PLANNED));
                    prescription(id, patient, check(id, patient, hospital, doctor, CheckTrigger.DISPENSING, recorded,
                            conflictsWithEarlier(patient, id, handedOut.get(0)), t), t);
                    t = t.plus(Duration.ofDays(lines.get(0).days()));
                    if (kind == 9) {
                        return;
                    }
                    if (kind == 5) {
                        prescription(id, patient, new PrescriptionExpired(id, use + 1, t), t);
                        return;
                    }
                    if (kind == 6) {
                        prescription(id, patient, new PrescriptionCancelled(id, hospital, doctor, "enough", t), t);
                        return;
                    }
                } else {
                    prescription(id, patient, new PrescriptionCompleted(id, t), t);
                    prescription(id, patient, check(id, patient, hospital, doctor, CheckTrigger.DISPENSING, handedOut,
                            conflictsWithEarlier(patient, id, handedOut.get(0)), t), t);
                }
            }
        }

        /** Each line as a course of {@code use} from {@code from}, for its days. */
        private static List<RecordedCourse> courses(List<PrescribedLine> lines, int use, LocalDate from,
                                                    CourseStatus status) {
            return lines.stream().map(line -> new RecordedCourse(line.lineNumber(), use, line.drugCode(), from,
                    from.plusDays(line.days() - 1L), status)).toList();
        }

        /** Now and then an alert of line 1 naming some of the patient's earlier prescriptions, as a check finds. */
        private List<RecordedAlert> conflictsWithEarlier(PatientId patient, PrescriptionId id, RecordedCourse line) {
            List<RecordedConflict> earlier = courses.getOrDefault(patient, List.of()).stream()
                    .filter(conflict -> !conflict.prescriptionId().equals(id)).toList();
            if (earlier.isEmpty() || random.nextInt(4) != 0) {
                return List.of();
            }
            List<RecordedConflict> named = earlier.subList(Math.max(0, earlier.size() - 1 - random.nextInt(3)),
                    earlier.size());
            return List.of(alert(id, 1, AlertType.SAME_INGREDIENT, "amlodipine", line,
                    named.toArray(RecordedConflict[]::new)));
        }

        private static RecordedAlert alert(PrescriptionId id, int lineNumber, AlertType type, String key,
                                           RecordedCourse course, RecordedConflict... conflicts) {
            return new RecordedAlert(AlertIds.of(id, lineNumber, type, key), type, type.severity(), lineNumber,
                    course.use(), course.drugCode(), key, key, course.from(), course.to(), List.of(conflicts));
        }

        private static InteractionCheckCompleted check(PrescriptionId id, PatientId patient, InstitutionId hospital,
                                                       PrescriberId doctor, CheckTrigger trigger,
                                                       List<RecordedCourse> recorded, List<RecordedAlert> alerts,
                                                       Instant at) {
            return new InteractionCheckCompleted(id, patient, hospital, doctor, trigger, recorded, alerts,
                    CATALOGUE.version(), at);
        }

        private PrescriptionDispensed dispensed(PrescriptionId id, PharmacyId pharmacy, PharmacistId pharmacist,
                                                int use, List<PrescribedLine> lines, boolean completes, Instant at,
                                                boolean half) {
            List<DispensedItem> items = new ArrayList<>();
            for (PrescribedLine line : lines) {
                int choice = random.nextInt(6);
                // a generic instead of the prescribed drug, or no code at all (the prescribed one)
                DrugCode drug = choice == 0 ? DrugCode.of("2171022F3024") : choice == 1 ? null : line.drugCode();
                BigDecimal quantity = half ? line.quantity().divide(BigDecimal.valueOf(2)) : line.quantity();
                items.add(new DispensedItem(line.lineNumber(), drug, quantity, half ? line.days() / 2 : line.days()));
            }
            return new PrescriptionDispensed(id, pharmacy, pharmacist, use, items, completes, at, java.time.LocalDate.ofInstant(at, java.time.ZoneOffset.UTC), null, List.of());
        }

        private static PrescribedLine line(int number, String drug, int days) {
            return new PrescribedLine(number, DrugCode.of(drug), BigDecimal.valueOf(days), "tablet", "once daily",
                    days);
        }

        private void prescription(PrescriptionId id, PatientId patient, PrescriptionEvent event, Instant at) {
            // now and then an event without the patient in its metadata, as stored before the metadata existed
            MetaData metaData = event instanceof PrescriptionIssued || random.nextInt(25) != 0
                    ? MetaData.with(PrescriptionEvent.PATIENT_ID_METADATA, patient.value()) : MetaData.emptyInstance();
            timed.add(new Timed(at, timed.size(), "Prescription", id.toString(), event, metaData));
        }

        private void consent(PatientId patient, Object event, Instant at) {
            timed.add(new Timed(at, timed.size(), "PatientConsent", PatientConsent.streamIdOf(patient), event,
                    MetaData.with(PatientConsent.PATIENT_ID_METADATA, patient.value())));
        }
    }
}
