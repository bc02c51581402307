package org.eprescription.query.rebuild;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.query.alerts.AlertProjection;
import org.eprescription.query.alerts.store.AlertRepository;
import org.eprescription.query.codes.LiveExchangeCodeProjection;
import org.eprescription.query.codes.LiveExchangeCodeRepository;
import org.eprescription.query.consent.ConsentRecordProjection;
import org.eprescription.query.consent.ConsentRecordRepository;
import org.eprescription.query.courses.CourseRecordProjection;
import org.eprescription.query.courses.CourseRecordRepository;
import org.eprescription.query.courses.FirstReleaseCourses;
import org.eprescription.query.courses.UncheckedCourseProjection;
import org.eprescription.query.courses.UncheckedCourseRepository;
import org.eprescription.query.prescription.PrescriptionViewProjection;
import org.eprescription.query.prescription.PrescriptionViewRepository;
import org.eprescription.query.support.ReplayBuffer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * The projections that can be verified and replayed, with their tables as migrations V10 and V20 create them (and
 * later ones change: a course belongs to a prescription or to a dispensing record since V140); then the tables kept
 * in the commands' transactions, which issues, checks and answers read: {@code live_exchange_code} (V110),
 * {@code course_record} (V100), {@code unchecked_course} (V164) and {@code consent_record} (V163). Those are listed
 * in the order an issue reads them (its code first, then its check), the order in which a replay's swap locks them.
 */
@Component
public class ProjectionDefinitions {

    private final List<ProjectionDefinition> definitions;

    public ProjectionDefinitions(JdbcTemplate jdbc, ObjectMapper objectMapper, DrugCatalogue catalogue) {
        JdbcClient client = JdbcClient.create(jdbc);
        this.definitions = List.of(
                new ProjectionDefinition(PrescriptionViewProjection.PROCESSING_GROUP,
                        List.of(new ProjectionTable("prescription_view", List.of("prescription_id"))),
                        () -> {
                            PrescriptionViewRepository store = PrescriptionViewRepository.forReplay(jdbc,
                                    objectMapper, catalogue, PrescriptionViewRepository.REPLAY_CAPACITY);
                            return new ProjectionDefinition.Detached(
                                    PrescriptionViewProjection.forReplay(store, catalogue), store.replayBuffer());
                        }),
                new ProjectionDefinition(AlertProjection.PROCESSING_GROUP,
                        List.of(new ProjectionTable("medication_course",
                                        List.of("prescription_id", "dispensing_record_id", "line_number",
                                                "use_number")),
                                new ProjectionTable("medication_alert", List.of("alert_id")),
                                new ProjectionTable("patient_consent", List.of("patient_id")),
                                new ProjectionTable("alert_progress", List.of("prescription_id")),
                                new ProjectionTable("record_alert_progress", List.of("record_id"))),
                        () -> {
                            AlertRepository store = AlertRepository.forReplay(jdbc, objectMapper,
                                    AlertRepository.REPLAY_PATIENTS, AlertRepository.REPLAY_PRESCRIPTIONS);
                            return new ProjectionDefinition.Detached(AlertProjection.forReplay(store),
                                    store.replayBuffer());
                        }),
                new ProjectionDefinition(LiveExchangeCodeProjection.PROCESSING_GROUP,
                        List.of(new ProjectionTable("live_exchange_code", List.of("code_hash"))),
                        () -> new ProjectionDefinition.Detached(
                                new LiveExchangeCodeProjection(new LiveExchangeCodeRepository(client)),
                                ReplayBuffer.NONE),
                        true),
                new ProjectionDefinition(CourseRecordProjection.PROCESSING_GROUP,
                        List.of(new ProjectionTable("course_record",
                                List.of("prescription_id", "dispensing_record_id", "line_number", "use_number"),
                                FirstReleaseCourses.TABLE)),
                        () -> new ProjectionDefinition.Detached(CourseRecordProjection.forReplay(
                                new CourseRecordRepository(client, new UncheckedCourseRepository(client)),
                                FirstReleaseCourses.read(client)),
                                ReplayBuffer.NONE),
                        true),
                new ProjectionDefinition(UncheckedCourseProjection.NAME,
                        List.of(new ProjectionTable("unchecked_course",
                                List.of("prescription_id", "dispensing_record_id"))),
                        () -> {
                            UncheckedCourseProjection projection =
                                    UncheckedCourseProjection.forReplay(new UncheckedCourseRepository(client));
                            return new ProjectionDefinition.Detached(projection, projection.replayBuffer());
                        },
                        true),
                new ProjectionDefinition(ConsentRecordProjection.PROCESSING_GROUP,
                        List.of(new ProjectionTable("consent_record", List.of("patient_id"))),
                        () -> new ProjectionDefinition.Detached(
                                ConsentRecordProjection.forReplay(new ConsentRecordRepository(client)),
                                ReplayBuffer.NONE),
                        true));
    }

    public List<ProjectionDefinition> all() {
        return definitions;
    }

    public Optional<ProjectionDefinition> find(String name) {
        return definitions.stream().filter(definition -> definition.name().equals(name)).findFirst();
    }
}
