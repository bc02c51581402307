package org.eprescription.core.prescription;

import org.eprescription.core.ids.Party;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.eprescription.core.ids.AlertId;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.ids.QueryId;
import org.eprescription.core.prescription.event.AlertAcknowledged;
import org.eprescription.core.prescription.event.CancellationRequested;
import org.eprescription.core.prescription.event.DispensingCorrected;
import org.eprescription.core.prescription.event.DispensingWithdrawn;
import org.eprescription.core.prescription.event.PrescriberQueried;
import org.eprescription.core.prescription.event.PrescriptionAmended;
import org.eprescription.core.prescription.event.QueryAnswered;
import org.eprescription.core.prescription.event.PrescriptionAccepted;
import org.eprescription.core.prescription.event.PrescriptionCancelled;
import org.eprescription.core.prescription.event.PrescriptionCompleted;
import org.eprescription.core.prescription.event.PrescriptionDispensed;
import org.eprescription.core.prescription.event.PrescriptionEvent;
import org.eprescription.core.prescription.event.PrescriptionExpired;
import org.eprescription.core.prescription.event.PrescriptionIssued;
import org.eprescription.core.prescription.event.PrescriptionReleased;
import org.eprescription.core.prescription.event.RefillScheduled;
import org.eprescription.core.prescription.event.InteractionCheckCompleted;
import org.eprescription.core.interaction.AlertType;
import org.eprescription.core.interaction.CheckTrigger;
import org.eprescription.core.interaction.CourseStatus;
import org.eprescription.core.interaction.RecordedAlert;
import org.eprescription.core.interaction.RecordedConflict;
import org.eprescription.core.interaction.RecordedCourse;
import org.eprescription.core.interaction.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.net.URL;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every event survives the event store: JSON through Axon's JacksonSerializer and back, equal to the original. */
class EventSerializationTest {

    private static final PrescriptionId ID = PrescriptionId.of("6f1c2a3e-9b1d-4c55-8f0e-2a7d9e1b3c44");
    private static final Instant AT = Instant.parse("2025-04-01T09:15:30.123456789Z");
    private static final PharmacyId PHARMACY = PharmacyId.of("pharmacy-a");
    private static final PharmacistId PHARMACIST = PharmacistId.of("pharmacist-1");
    private static final InstitutionId HOSPITAL = InstitutionId.of("hospital-1");
    private static final PrescriberId DOCTOR = PrescriberId.of("doctor-1");

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule()))
            .build();

    static Stream<PrescriptionEvent> everyEvent() {
        List<PrescribedLine> lines = List.of(
                new PrescribedLine(1, DrugCode.of("2171022F1021"), new BigDecimal("28"), "tablet",
                        "1 tablet once daily", 28),
                new PrescribedLine(2, DrugCode.of("6290004Q1024"), new BigDecimal("2.5"), "g", "apply twice daily", 7));
        List<DispensedItem> items = List.of(
                new DispensedItem(1, DrugCode.of("2171022F3024"), new BigDecimal("14"), 14),
                new DispensedItem(2, null, new BigDecimal("2.50"), 7));
        return Stream.of(
                new PrescriptionIssued(ID, new PatientDetails(PatientId.of("patient-1"), LocalDate.of(1958, 11, 3),
                        "山田 花子"), new PrescriberDetails(DOCTOR, HOSPITAL), lines, 2, LocalDate.of(2025, 4, 4),
                        "a1b2c3", "k1", 0, List.of(new AlertAcknowledgement(AlertId.of("alert-1"), "dose halved",
                        List.of("c1"))), AT, LocalDate.of(2025, 4, 1)),
                new PrescriptionIssued(ID, new PatientDetails(PatientId.of("patient-2"), LocalDate.of(2001, 1, 1),
                        null), new PrescriberDetails(DOCTOR, HOSPITAL), lines, 0, LocalDate.of(2025, 4, 4), "d4e5f6",
                        "k2", 1, List.of(), AT, LocalDate.of(2025, 4, 1)),
                new PrescriptionIssued(ID, new PatientDetails(PatientId.of("patient-2"), LocalDate.of(2001, 1, 1),
                        null), new PrescriberDetails(DOCTOR, HOSPITAL), lines, 0, LocalDate.of(2025, 4, 4), "d4e5f6",
                        "k2", 1, List.of(), AT, LocalDate.of(2025, 4, 1),
                        org.eprescription.core.catalogue.DrugDescriptions.of(
                                List.of(DrugCode.of("2171022F1021"), DrugCode.of("6290004Q1024")),
                                org.eprescription.core.testsupport.SampleDrugs.CATALOGUE)),
                new PrescriptionAccepted(ID, PHARMACY, PHARMACIST, 1, AT),
                new PrescriptionReleased(ID, PHARMACY, 2, "patient went elsewhere", AT),
                new PrescriptionDispensed(ID, PHARMACY, PHARMACIST, 1, items, false, AT, LocalDate.of(2025, 4, 1),
                        List.of(new LineQuantity(1, new BigDecimal("14")), new LineQuantity(2, new BigDecimal("2.50"))),
                        List.of(new SubstituteSupply(1, DrugCode.of("2171022F3024"), new BigDecimal("14"), true, null),
                                new SubstituteSupply(1, DrugCode.of("1129009F1211"), new BigDecimal("7"), false, 30))),
                new PrescriptionDispensed(ID, PHARMACY, PHARMACIST, 1, items, false, AT, LocalDate.of(2025, 4, 1), null,
                        null),
                new RefillScheduled(ID, 2, LocalDate.of(2025, 4, 29), LocalDate.of(2025, 4, 22),
                        LocalDate.of(2025, 5, 6), AT, 28),
                new PrescriptionCompleted(ID, AT),
                new CancellationRequested(ID, HOSPITAL, DOCTOR, PHARMACY, "wrong dose", AT),
                new PrescriptionCancelled(ID, HOSPITAL, DOCTOR, "wrong dose", AT),
                new PrescriptionExpired(ID, 3, AT),
                new AlertAcknowledged(ID, AlertId.of("alert-1"), "monitored", Party.pharmacist(PHARMACIST, PHARMACY),
                        AT, List.of("c1", "c2")),
                new AlertAcknowledged(ID, AlertId.of("alert-2"), "checked", Party.prescriber(DOCTOR, HOSPITAL), AT,
                        null),
                new InteractionCheckCompleted(ID, PatientId.of("patient-1"), HOSPITAL, DOCTOR, CheckTrigger.DISPENSING,
                        List.of(new RecordedCourse(1, 1, DrugCode.of("2171022F3024"), LocalDate.of(2025, 4, 1),
                                        LocalDate.of(2025, 4, 14), CourseStatus.DISPENSED),
                                new RecordedCourse(2, 1, DrugCode.of("6290004Q1024"), LocalDate.of(2025, 4, 1),
                                        LocalDate.of(2025, 4, 14), CourseStatus.STOPPED)),
                        List.of(new RecordedAlert(AlertId.of("alert-3"), AlertType.SAME_INGREDIENT, Severity.HIGH, 1, 1,
                                DrugCode.of("2171022F3024"), "amlodipine", "amlodipine", LocalDate.of(2025, 4, 1),
                                LocalDate.of(2025, 4, 14), List.of(new RecordedConflict(
                                        PrescriptionId.of("11111111-2222-4333-8444-555555555555"), 1, 2,
                                        DrugCode.of("2171022F1021"), LocalDate.of(2025, 3, 20),
                                        LocalDate.of(2025, 4, 16), CourseStatus.DISPENSED,
                                        InstitutionId.of("hospital-2"), PrescriberId.of("doctor-9"), false)))),
                        "sha256:0123456789abcdef", AT),
                new InteractionCheckCompleted(ID, PatientId.of("patient-1"), HOSPITAL, DOCTOR, CheckTrigger.DISPENSING,
                        List.of(new RecordedCourse(1, 1, DrugCode.of("2171022F3024"), LocalDate.of(2025, 4, 1),
                                LocalDate.of(2025, 4, 14), CourseStatus.DISPENSED)),
                        List.of(), List.of(DrugCode.of("1129009F1025")), "sha256:0123456789abcdef", AT),
                new DispensingCorrected(ID, 2, 1, PHARMACY, PHARMACIST, "wrong quantity entered", items, true, AT,
                        LocalDate.of(2025, 4, 1), List.of(new LineQuantity(1, new BigDecimal("14"))),
                        List.of(new SubstituteSupply(1, DrugCode.of("2171022F3024"), new BigDecimal("14"), true, 90))),
                new DispensingWithdrawn(ID, 1, 1, PHARMACY, PHARMACIST, "recorded against the wrong prescription", AT,
                        LocalDate.of(2025, 4, 1)),
                new PrescriberQueried(ID, QueryId.of("0b7a3f4e-2c1d-4e5f-8a9b-0c1d2e3f4a5b"), PHARMACY, PHARMACIST, 1,
                        "5 mg twice daily is unusual: 5 mg once daily?", lines, AT),
                new PrescriberQueried(ID, QueryId.of("1b7a3f4e-2c1d-4e5f-8a9b-0c1d2e3f4a5b"), PHARMACY, PHARMACIST, 2,
                        "allergy noted?", List.of(), AT),
                new QueryAnswered(ID, QueryId.of("0b7a3f4e-2c1d-4e5f-8a9b-0c1d2e3f4a5b"), HOSPITAL, DOCTOR,
                        "yes, once daily", true, AT),
                new PrescriptionAmended(ID, QueryId.of("0b7a3f4e-2c1d-4e5f-8a9b-0c1d2e3f4a5b"), HOSPITAL, DOCTOR,
                        lines, List.of(1), AT, LocalDate.of(2025, 4, 2), LocalDate.of(2025, 4, 29)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyEvent")
    void anEventRoundTripsThroughTheJacksonSerializer(PrescriptionEvent event) {
        SerializedObject<String> serialized = serializer.serialize(event, String.class);
        Object restored = serializer.deserialize(serialized);
        assertEquals(event, restored);
        assertThat(serialized.getType().getName()).isEqualTo(event.getClass().getName());
        assertThat(serialized.getType().getRevision())
                .isEqualTo(event.getClass().getAnnotation(Revision.class).value());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyEvent")
    void anEventRoundTripsAlsoAsBytes(PrescriptionEvent event) {
        SerializedObject<byte[]> serialized = serializer.serialize(event, byte[].class);
        assertEquals(event, serializer.deserialize(serialized));
    }

    @Test
    void idsAreWrittenAsPlainStrings() {
        String json = serializer.serialize(new PrescriptionAccepted(ID, PHARMACY, PHARMACIST, 1, AT), String.class)
                .getData();
        assertThat(json).contains("\"prescriptionId\":\"6f1c2a3e-9b1d-4c55-8f0e-2a7d9e1b3c44\"")
                .contains("\"pharmacyId\":\"pharmacy-a\"")
                .contains("\"pharmacistId\":\"pharmacist-1\"");
    }

    @Test
    void theTestCoversEveryEventClassOfTheEventPackage() {
        List<Class<?>> covered = everyEvent().map(Object::getClass).distinct().collect(Collectors.toList());
        assertThat(covered).containsExactlyInAnyOrderElementsOf(eventClasses());
    }

    @Test
    void everyEventClassHasARevision() {
        assertThat(eventClasses()).isNotEmpty().allSatisfy(type -> {
            assertThat(type.isAnnotationPresent(Revision.class)).as(type.getSimpleName() + " has @Revision").isTrue();
            assertThat(type.getAnnotation(Revision.class).value()).isNotBlank();
        });
    }

    /** The concrete event classes in the event package, found on the class path. */
    private static List<Class<?>> eventClasses() {
        String packageName = PrescriptionEvent.class.getPackageName();
        URL url = PrescriptionEvent.class.getClassLoader().getResource(packageName.replace('.', '/'));
        Objects.requireNonNull(url, "event package not on the class path");
        File directory;
        try {
            directory = new File(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return Arrays.stream(Objects.requireNonNull(directory.list()))
                .filter(name -> name.endsWith(".class") && !name.contains("$"))
                .map(name -> load(packageName + "." + name.substring(0, name.length() - ".class".length())))
                .filter(type -> !type.isInterface() && PrescriptionEvent.class.isAssignableFrom(type))
                .collect(Collectors.toList());
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
