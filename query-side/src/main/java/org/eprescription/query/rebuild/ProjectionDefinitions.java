package org.eprescription.query.rebuild;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.query.alerts.AlertProjection;
import org.eprescription.query.alerts.store.AlertRepository;
import org.eprescription.query.prescription.PrescriptionViewProjection;
import org.eprescription.query.prescription.PrescriptionViewRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * The projections that can be verified and replayed, with their tables as migrations V10 and V20 create them (and
 * later ones change: a course belongs to a prescription or to a dispensing record since V140).
 */
@Component
public class ProjectionDefinitions {

    private final List<ProjectionDefinition> definitions;

    public ProjectionDefinitions(JdbcTemplate jdbc, ObjectMapper objectMapper, DrugCatalogue catalogue) {
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
                        }));
    }

    public List<ProjectionDefinition> all() {
        return definitions;
    }

    public Optional<ProjectionDefinition> find(String name) {
        return definitions.stream().filter(definition -> definition.name().equals(name)).findFirst();
    }
}
