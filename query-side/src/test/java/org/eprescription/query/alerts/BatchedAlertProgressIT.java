package org.eprescription.query.alerts;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.interaction.CheckTrigger;
import org.eprescription.core.interaction.CourseStatus;
import org.eprescription.core.interaction.RecordedCourse;
import org.eprescription.core.prescription.event.InteractionCheckCompleted;
import org.eprescription.core.prescription.event.PrescriptionAccepted;
import org.eprescription.core.prescription.event.PrescriptionEvent;
import org.eprescription.core.prescription.event.PrescriptionIssued;
import org.eprescription.query.alerts.store.AlertRepository;
import org.eprescription.query.testsupport.BatchRun;
import org.eprescription.query.testsupport.TestDatabase;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eprescription.query.alerts.AlertEvents.issued;
import static org.eprescription.query.alerts.AlertEvents.line;
import static org.eprescription.core.testsupport.SampleDrugs.AMLODIPINE_BRAND_A;
import static org.eprescription.core.testsupport.SampleDrugs.CATALOGUE;
import static org.eprescription.query.alerts.AlertProjectionIT.DAY;
import static org.eprescription.query.alerts.AlertProjectionIT.T;
import static org.eprescription.query.prescription.PrescriptionFixtures.DOCTOR;
import static org.eprescription.query.prescription.PrescriptionFixtures.HOSPITAL;
import static org.eprescription.query.prescription.PrescriptionFixtures.PHARMACIST;
import static org.eprescription.query.prescription.PrescriptionFixtures.PHARMACY_A;

/**
 * The live alert projection in event processor batches: the progress of the batch's prescriptions is read in one
 * statement and written in one, events already processed are skipped, and a batch that rolls back records no
 * progress (docs/architecture.md, "One write path, batched").
 */
class BatchedAlertProgressIT {

    @AutoClose
    private static final TestDatabase database = new TestDatabase();

    private BatchRun run;
    private AnnotationEventHandlerAdapter projection;
    private JdbcClient jdbc;
    private final PatientId patient = PatientId.of("PAT-" + System.nanoTime());

    @BeforeEach
    void setUp() {
        run = new BatchRun(database.dataSource());
        jdbc = JdbcClient.create(run.template());
        AlertRepository repository = new AlertRepository(jdbc, TestDatabase.OBJECT_MAPPER);
        projection = new AnnotationEventHandlerAdapter(
                new AlertProjection(repository, new AlertProgressUpdates()));
    }

    private EventMessage<?> message(PrescriptionEvent event, long sequence) {
        return new GenericDomainEventMessage<>("Prescription", event.prescriptionId().toString(), sequence, event,
                MetaData.with(PrescriptionEvent.PATIENT_ID_METADATA, patient.value()));
    }

    /** Issued, its check recording one planned course, accepted. */
    private List<EventMessage<?>> issuedCheckedAccepted(PrescriptionId id) {
        PrescriptionIssued issued = issued(id, patient, HOSPITAL, DOCTOR, T, List.of(),
                line(1, AMLODIPINE_BRAND_A, 28));
        InteractionCheckCompleted check = new InteractionCheckCompleted(id, patient, HOSPITAL, DOCTOR,
                CheckTrigger.ISSUE, List.of(new RecordedCourse(1, 1, AMLODIPINE_BRAND_A, DAY, DAY.plusDays(27),
                CourseStatus.PLANNED)), List.of(), CATALOGUE.version(), T);
        return List.of(message(issued, 0), message(check, 1),
                message(new PrescriptionAccepted(id, PHARMACY_A, PHARMACIST, 1, T), 2));
    }

    private long progress(PrescriptionId id) {
        return jdbc.sql("select version from alert_progress where prescription_id = :id").param("id", id.value())
                .query(Long.class).optional().orElse(-1L);
    }

    private int courses(PrescriptionId id) {
        return jdbc.sql("select count(*) from medication_course where prescription_id = :id").param("id", id.value())
                .query(Integer.class).single();
    }

    @Test
    void aBatchReadsAndWritesItsPrescriptionsProgressInOneStatementEach() {
        PrescriptionId first = PrescriptionId.random();
        PrescriptionId second = PrescriptionId.random();
        List<EventMessage<?>> events = Stream.concat(issuedCheckedAccepted(first).stream(),
                issuedCheckedAccepted(second).stream()).toList();

        run.batch(events, projection::handle);

        assertThat(run.reads("alert_progress")).as("one read").isEqualTo(1);
        assertThat(run.prepared("insert into alert_progress")).as("one write").isEqualTo(1);
        assertThat(progress(first)).isEqualTo(2);
        assertThat(progress(second)).isEqualTo(2);
        assertThat(courses(first)).isEqualTo(1);
    }

    @Test
    void aRedeliveredBatchIsSkippedEventByEvent() {
        PrescriptionId id = PrescriptionId.random();
        run.batch(issuedCheckedAccepted(id), projection::handle);
        jdbc.sql("delete from medication_course where prescription_id = :id").param("id", id.value()).update();
        run.forget();

        run.batch(issuedCheckedAccepted(id), projection::handle);

        assertThat(courses(id)).as("the check was processed before: not again").isZero();
        assertThat(run.prepared("insert into alert_progress")).as("no progress to write").isZero();
        assertThat(progress(id)).isEqualTo(2);
    }

    @Test
    void aBatchThatRollsBackRecordsNoProgress() {
        PrescriptionId id = PrescriptionId.random();
        List<EventMessage<?>> events = issuedCheckedAccepted(id);

        assertThatThrownBy(() -> run.batchFailingAtTheEnd(events, projection::handle))
                .isInstanceOf(IllegalStateException.class);

        assertThat(progress(id)).isEqualTo(-1);
        assertThat(courses(id)).isZero();
    }
}
