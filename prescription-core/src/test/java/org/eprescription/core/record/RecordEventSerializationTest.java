package org.eprescription.core.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.interaction.AlertType;
import org.eprescription.core.interaction.CheckTrigger;
import org.eprescription.core.interaction.CourseStatus;
import org.eprescription.core.interaction.RecordedAlert;
import org.eprescription.core.interaction.RecordedConflict;
import org.eprescription.core.interaction.RecordedCourse;
import org.eprescription.core.interaction.Severity;
import org.eprescription.core.ids.Party;
import org.eprescription.core.prescription.PatientDetails;
import org.eprescription.core.record.event.DispensingRecordChecked;
import org.eprescription.core.record.event.DispensingRecordCorrected;
import org.eprescription.core.record.event.DispensingRecordEvent;
import org.eprescription.core.record.event.DispensingRecordWithdrawn;
import org.eprescription.core.record.event.DispensingRegistered;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every event of a dispensing record round-trips through the event store's serializer, with its revision. */
class RecordEventSerializationTest {

    private static final DispensingRecordId ID = DispensingRecordId.of("0b6c9f1e-3d2a-4e5f-9a8b-7c6d5e4f3a21");
    private static final PatientId PATIENT = PatientId.of("patient-1");
    private static final Party PHARMACIST = Party.pharmacist(PharmacistId.of("rph-1"), PharmacyId.of("pharmacy-a"));
    private static final Instant AT = Instant.parse("2025-04-01T09:15:30.123456789Z");
    private static final LocalDate DAY = LocalDate.of(2025, 4, 1);
    private static final List<RecordItem> ITEMS = List.of(
            new RecordItem(DrugCode.of("2171022F1021"), new BigDecimal("28"), 28),
            new RecordItem(DrugCode.of("2649735S1028"), new BigDecimal("2.5"), 7));

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule()))
            .build();

    static Stream<DispensingRecordEvent> everyEvent() {
        RecordedConflict prescriptionCourse = new RecordedConflict(
                PrescriptionId.of("11111111-2222-4333-8444-555555555555"), 1, 1, DrugCode.of("2171022F3024"),
                DAY.minusDays(3), DAY.plusDays(24), CourseStatus.DISPENSED, InstitutionId.of("hospital-2"),
                PrescriberId.of("doctor-9"), false);
        RecordedConflict recordCourse = new RecordedConflict(null, 1, 2, DrugCode.of("2171022F1021"), DAY,
                DAY.plusDays(13), CourseStatus.DISPENSED, null, null, true,
                DispensingRecordId.of("7d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a"),
                Party.prescriber(PrescriberId.of("doctor-3"), InstitutionId.of("hospital-3")));
        return Stream.of(
                new DispensingRegistered(ID, new PatientDetails(PATIENT, LocalDate.of(1958, 11, 3), null),
                        PHARMACIST, InstitutionId.of("clinic-7"), ITEMS, DAY, AT),
                new DispensingRegistered(ID, new PatientDetails(PATIENT, LocalDate.of(1958, 11, 3), "山田 花子"),
                        PHARMACIST, null, ITEMS, DAY, AT),
                new DispensingRecordCorrected(ID, PATIENT, PHARMACIST, "wrong quantity", ITEMS, 2, DAY, AT),
                new DispensingRecordCorrected(ID, PATIENT, PHARMACIST, "taken as needed", List.of(
                        new RecordItem(DrugCode.of("1149019F1027"), new BigDecimal("10"), 3, true)), 3, DAY, AT),
                new DispensingRecordWithdrawn(ID, PATIENT, PHARMACIST, "wrong patient", DAY, AT),
                new DispensingRecordChecked(ID, PATIENT, InstitutionId.of("clinic-7"), null, PHARMACIST,
                        CheckTrigger.RECORD_CORRECTION,
                        List.of(new RecordedCourse(1, 1, DrugCode.of("2171022F1021"), DAY, DAY.plusDays(27),
                                CourseStatus.STOPPED)),
                        List.of(new RecordedAlert(AlertId.of("alert-1"), AlertType.SAME_INGREDIENT, Severity.HIGH, 1,
                                2, DrugCode.of("2171022F1021"), "amlodipine", "amlodipine", DAY, DAY.plusDays(13),
                                List.of(prescriptionCourse, recordCourse))),
                        List.of(AlertId.of("alert-0")), "sha256:0123456789abcdef", AT),
                new DispensingRecordChecked(ID, PATIENT, null, null, PHARMACIST, CheckTrigger.RECORD_REGISTRATION,
                        List.of(new RecordedCourse(1, 1, DrugCode.of("2171022F1021"), DAY, DAY.plusDays(27),
                                CourseStatus.DISPENSED)),
                        List.of(), List.of(DrugCode.of("1129009F1025")), List.of(), "sha256:0123456789abcdef", AT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyEvent")
    void anEventRoundTripsWithItsRevision(DispensingRecordEvent event) {
        SerializedObject<String> serialized = serializer.serialize(event, String.class);

        assertThat((Object) serializer.deserialize(serialized)).isEqualTo(event);
        assertThat(serialized.getType().getRevision())
                .isEqualTo(event.getClass().getAnnotation(Revision.class).value());
        assertThat(serialized.getData()).contains("\"recordId\":\"" + ID.asString() + "\"");
    }
}
