package org.eprescription.core.record;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.eprescription.core.testsupport.ListedCourses;
import org.eprescription.core.catalogue.Drug;
import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.catalogue.DrugDescription;
import org.eprescription.core.catalogue.DrugDescriptions;
import org.eprescription.core.catalogue.Route;
import org.eprescription.core.catalogue.Strength;
import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.Party;
import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.interaction.CheckTrigger;
import org.eprescription.core.interaction.CourseStatus;
import org.eprescription.core.interaction.InteractionChecker;
import org.eprescription.core.interaction.InteractionRules;
import org.eprescription.core.interaction.RecordedCourse;
import org.eprescription.core.prescription.PatientDetails;
import org.eprescription.core.record.command.CorrectDispensingRecord;
import org.eprescription.core.record.command.RegisterDispensing;
import org.eprescription.core.record.command.WithdrawDispensingRecord;
import org.eprescription.core.record.event.DispensingRecordChecked;
import org.eprescription.core.record.event.DispensingRecordCorrected;
import org.eprescription.core.record.event.DispensingRegistered;
import org.eprescription.core.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.eprescription.core.testsupport.RecordedEvents.recorded;
import static org.eprescription.core.testsupport.RecordedEvents.the;
import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.core.testsupport.SampleDrugs.AMLODIPINE_BRAND_A;
import static org.eprescription.core.testsupport.SampleDrugs.CATALOGUE;
import static org.eprescription.core.testsupport.SampleDrugs.METFORMIN;

/**
 * A registered dispensing records how the catalogue described its items' drugs, and its checks describe their
 * courses as the record's events did (docs/architecture.md, "Reference data").
 */
class RecordedRecordDrugsTest {

    private static final DispensingRecordId ID = DispensingRecordId.of("0b6c9f1e-3d2a-4e5f-9a8b-7c6d5e4f3a21");
    private static final PatientDetails PATIENT = new PatientDetails(PatientId.of("patient-1"),
            LocalDate.of(1958, 11, 3), null);
    private static final Party PHARMACIST = Party.pharmacist(PharmacistId.of("rph-1"), PharmacyId.of("pharmacy-a"));
    private static final LocalDate DAY = LocalDate.of(2025, 4, 1);
    private static final DrugDescription METFORMIN_AS_REGISTERED = new DrugDescription(METFORMIN,
            "Metformin hydrochloride 250 mg tablet", "メトホルミン塩酸塩錠250mg", List.of("metformin"), Route.ORAL,
            Map.of("metformin", Strength.parse("250 mg")), "tablet");

    private final MutableClock clock = new MutableClock(DAY.atTime(10, 0).toInstant(ZoneOffset.UTC));

    private AggregateTestFixture<DispensingRecord> fixture(DrugCatalogue catalogue) {
        AggregateTestFixture<DispensingRecord> fixture = new AggregateTestFixture<>(DispensingRecord.class);
        fixture.registerInjectableResource(catalogue);
        fixture.registerInjectableResource(clock);
        fixture.registerInjectableResource(new InteractionChecker(new InteractionRules(catalogue, false),
                ListedCourses.none()));
        return fixture;
    }

    private static RecordItem item(org.eprescription.core.ids.DrugCode drug, int quantity, int days) {
        return new RecordItem(drug, BigDecimal.valueOf(quantity), days);
    }

    private DispensingRegistered registeredDescribed() {
        return new DispensingRegistered(ID, PATIENT, PHARMACIST, InstitutionId.of("clinic-7"),
                List.of(item(METFORMIN, 28, 14)), DAY, clock.instant(),
                new DrugDescriptions(CATALOGUE.version(), List.of(METFORMIN_AS_REGISTERED)));
    }

    /** The registration's check, as recorded before checks described their drugs. */
    private DispensingRecordChecked registrationChecked() {
        return new DispensingRecordChecked(ID, PATIENT.id(), InstitutionId.of("clinic-7"), null, PHARMACIST,
                CheckTrigger.RECORD_REGISTRATION, List.of(new RecordedCourse(1, 1, METFORMIN, DAY, DAY.plusDays(13),
                CourseStatus.DISPENSED)), List.of(), List.of(), CATALOGUE.version(), clock.instant());
    }

    @Test
    void aRegistrationRecordsItsItemsDrugsAndItsCheckDescribesTheirCourses() {
        List<Object> events = recorded(fixture(CATALOGUE).givenNoPriorActivity()
                .when(new RegisterDispensing(ID, PATIENT, PHARMACIST, InstitutionId.of("clinic-7"),
                        List.of(item(METFORMIN, 28, 14)))));

        assertThat(the(DispensingRegistered.class, events).drugs())
                .isEqualTo(new DrugDescriptions(CATALOGUE.version(), List.of(METFORMIN_AS_REGISTERED)));
        assertThat(the(DispensingRecordChecked.class, events).drugs().described())
                .containsExactly(METFORMIN_AS_REGISTERED);
    }

    @Test
    void aCorrectionRecordsItsItemsDrugsAndItsCheckDescribesTheReplacedCourseAsRegistered() {
        List<Object> events = recorded(fixture(CATALOGUE).given(registeredDescribed(), registrationChecked())
                .when(new CorrectDispensingRecord(ID, PHARMACIST, "wrong product",
                        List.of(item(AMLODIPINE_BRAND_A, 28, 28)))));

        DrugDescription amlodipine = DrugDescription.of(CATALOGUE.find(AMLODIPINE_BRAND_A).orElseThrow());
        assertThat(the(DispensingRecordCorrected.class, events).drugs())
                .isEqualTo(new DrugDescriptions(CATALOGUE.version(), List.of(amlodipine)));
        assertThat(the(DispensingRecordChecked.class, events).drugs().described())
                .as("the replaced course as registered, the new one as corrected")
                .containsExactlyInAnyOrder(amlodipine, METFORMIN_AS_REGISTERED);
    }

    @Test
    void aWithdrawalUnderACatalogueWithoutTheDrugDescribesTheStoppedCourseAsRegistered() {
        Drug amlodipine = CATALOGUE.find(AMLODIPINE_BRAND_A).orElseThrow();
        DrugCatalogue delisted = new DrugCatalogue(List.of(amlodipine), List.of());

        List<Object> events = recorded(fixture(delisted).given(registeredDescribed(), registrationChecked())
                .when(new WithdrawDispensingRecord(ID, PHARMACIST, "registered twice")));

        assertThat(the(DispensingRecordChecked.class, events).drugs().described())
                .containsExactly(METFORMIN_AS_REGISTERED);
    }
}
