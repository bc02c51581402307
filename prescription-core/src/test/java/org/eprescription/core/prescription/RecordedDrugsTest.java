package org.eprescription.core.prescription;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.eprescription.core.testsupport.ListedCourses;
import org.eprescription.core.catalogue.Drug;
import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.catalogue.DrugDescription;
import org.eprescription.core.catalogue.DrugDescriptions;
import org.eprescription.core.catalogue.Route;
import org.eprescription.core.catalogue.Strength;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.QueryId;
import org.eprescription.core.interaction.InteractionChecker;
import org.eprescription.core.interaction.InteractionRules;
import org.eprescription.core.prescription.command.AnswerQuery;
import org.eprescription.core.prescription.command.CorrectDispensing;
import org.eprescription.core.prescription.event.DispensingCorrected;
import org.eprescription.core.prescription.event.InteractionCheckCompleted;
import org.eprescription.core.prescription.event.PrescriberQueried;
import org.eprescription.core.prescription.event.PrescriptionAmended;
import org.eprescription.core.prescription.event.PrescriptionDispensed;
import org.eprescription.core.prescription.event.PrescriptionIssued;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.eprescription.core.testsupport.RecordedEvents.recorded;
import static org.eprescription.core.testsupport.RecordedEvents.the;
import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.core.testsupport.SampleDrugs.AMLODIPINE_BRAND_A;
import static org.eprescription.core.testsupport.SampleDrugs.AMLODIPINE_GENERIC_C;
import static org.eprescription.core.testsupport.SampleDrugs.CATALOGUE;
import static org.eprescription.core.testsupport.SampleDrugs.LOXOPROFEN_TABLET;

/**
 * The events that bring a drug into a prescription record how the catalogue described it then, with the catalogue's
 * version, so that what a prescription showed stays what it showed under any later catalogue (docs/architecture.md,
 * "Reference data"; docs/domain.md, "What events record of the catalogue").
 */
class RecordedDrugsTest extends PrescriptionTestSupport {

    private static final QueryId QUERY = QueryId.of("0b7a3f4e-2c1d-4e5f-8a9b-0c1d2e3f4a5b");

    static final DrugDescription AMLODIPINE_AS_ISSUED = new DrugDescription(AMLODIPINE_BRAND_A,
            "Amlodipine 5 mg tablet (brand A)", "アムロジピン錠5mg（先発A）", List.of("amlodipine"), Route.ORAL,
            Map.of("amlodipine", Strength.parse("5 mg")), "tablet");
    static final DrugDescription LOXOPROFEN_AS_ISSUED = new DrugDescription(LOXOPROFEN_TABLET,
            "Loxoprofen sodium 60 mg tablet", "ロキソプロフェンナトリウム錠60mg", List.of("loxoprofen"), Route.ORAL,
            Map.of("loxoprofen", Strength.parse("60 mg")), "tablet");
    static final DrugDescription GENERIC_C = new DrugDescription(AMLODIPINE_GENERIC_C,
            "Amlodipine 5 mg orally disintegrating tablet (generic C)", "アムロジピンOD錠5mg（後発C）",
            List.of("amlodipine"), Route.ORAL, Map.of("amlodipine", Strength.parse("5 mg")),
            "orally disintegrating tablet");

    /** A later catalogue that renamed both of the prescription's drugs. */
    static final DrugCatalogue RENAMED = new DrugCatalogue(List.of(renamed(AMLODIPINE_BRAND_A),
            renamed(LOXOPROFEN_TABLET), CATALOGUE.find(AMLODIPINE_GENERIC_C).orElseThrow()), List.of());

    /** The catalogue the interaction check decides with. */
    private DrugCatalogue checkedWith = CATALOGUE;

    private static Drug renamed(DrugCode code) {
        Drug drug = CATALOGUE.find(code).orElseThrow();
        return new Drug(drug.code(), drug.name() + " (renamed)", drug.ingredients(), drug.route(), drug.classCode(),
                drug.className(), drug.unit(), drug.strengths(), drug.dosageForm(), drug.formGroup(),
                drug.refillAllowed(), drug.maxDays(), drug.nameJa() + "（改名）");
    }

    @Override
    InteractionChecker checker() {
        return new InteractionChecker(new InteractionRules(checkedWith, false), ListedCourses.none());
    }

    private AggregateTestFixture<Prescription> describing(DrugCatalogue catalogue) {
        checkedWith = catalogue;
        return describingFixture(ValidUntilHorizon.DEFAULT, catalogue);
    }

    /** The issue as recorded under the sample catalogue, drugs described. */
    private PrescriptionIssued issuedDescribed() {
        PrescriptionIssued plain = issued();
        return new PrescriptionIssued(plain.prescriptionId(), plain.patient(), plain.prescriber(), plain.lines(),
                plain.refills(), plain.validUntil(), plain.exchangeCodeHash(), plain.exchangeCodeKeyId(),
                plain.exchangeCodeAttempt(), plain.acknowledgedAlerts(), plain.issuedAt(), plain.issuedOn(),
                new DrugDescriptions(CATALOGUE.version(), List.of(AMLODIPINE_AS_ISSUED, LOXOPROFEN_AS_ISSUED)));
    }

    @Test
    void anIssueRecordsEachLinesDrugAsTheCatalogueDescribesItWithTheCataloguesVersion() {
        List<Object> events = recorded(describing(CATALOGUE).givenNoPriorActivity().when(issue()));

        assertThat(the(PrescriptionIssued.class, events).drugs())
                .isEqualTo(new DrugDescriptions(CATALOGUE.version(), List.of(AMLODIPINE_AS_ISSUED,
                        LOXOPROFEN_AS_ISSUED)));
        assertThat(the(InteractionCheckCompleted.class, events).drugs().described())
                .containsExactly(LOXOPROFEN_AS_ISSUED, AMLODIPINE_AS_ISSUED);
    }

    @Test
    void aDrugTheCatalogueDoesNotKnowIsRecordedWithoutADescriptionNotAsNotRecorded() {
        DrugCatalogue withoutLoxoprofen = new DrugCatalogue(List.of(CATALOGUE.find(AMLODIPINE_BRAND_A).orElseThrow()),
                List.of());

        DrugDescriptions described = DrugDescriptions.of(List.of(AMLODIPINE_BRAND_A, LOXOPROFEN_TABLET,
                AMLODIPINE_BRAND_A), withoutLoxoprofen);

        assertThat(described.described()).containsExactly(AMLODIPINE_AS_ISSUED);
        assertThat(described.find(LOXOPROFEN_TABLET)).isEmpty();
        assertThat(DrugDescriptions.describe(described, LOXOPROFEN_TABLET, CATALOGUE))
                .as("recorded as unknown then: today's catalogue does not name it").isEmpty();
        assertThat(DrugDescriptions.describe(null, LOXOPROFEN_TABLET, CATALOGUE))
                .as("not recorded (an older revision): today's catalogue names it")
                .contains(LOXOPROFEN_AS_ISSUED);
    }

    @Test
    void aDispensedSubstituteIsRecordedAsTheCatalogueDescribesIt() {
        List<Object> events = recorded(describing(CATALOGUE).given(issuedDescribed(), accepted(PHARMACY_A))
                .when(dispense(PHARMACY_A, itemOf(1, AMLODIPINE_GENERIC_C, 28, 28))));

        assertThat(the(PrescriptionDispensed.class, events).drugs())
                .isEqualTo(new DrugDescriptions(CATALOGUE.version(), List.of(GENERIC_C)));
    }

    @Test
    void aCorrectedDispensingRecordsItsItemsDrugsAsTheCatalogueDescribesThem() {
        List<Object> events = recorded(describing(CATALOGUE)
                .given(issuedDescribed(), accepted(PHARMACY_A), dispensed(PHARMACY_A, 1, false, item(1, 14, 14)))
                .when(new CorrectDispensing(ID, PHARMACY_A, pharmacistOf(PHARMACY_A), 1, "another product",
                        List.of(itemOf(1, AMLODIPINE_GENERIC_C, 14, 14)))));

        assertThat(the(DispensingCorrected.class, events).drugs())
                .isEqualTo(new DrugDescriptions(CATALOGUE.version(), List.of(GENERIC_C)));
    }

    @Test
    void anAmendmentUnderARenamingCatalogueKeepsTheUnchangedLinesDescriptionAndDescribesTheChangedLineAnew() {
        PrescribedLine shorter = new PrescribedLine(2, LOXOPROFEN_TABLET, qty(9), "tablet",
                "1 tablet three times daily after meals", 3);
        PrescriberQueried queried = new PrescriberQueried(ID, QUERY, PHARMACY_A, pharmacistOf(PHARMACY_A), 1,
                "shorten loxoprofen?", List.of(shorter), clock.instant());

        List<Object> events = recorded(describing(RENAMED)
                .given(issuedDescribed(), accepted(PHARMACY_A), queried)
                .when(new AnswerQuery(ID, QUERY, HOSPITAL, DOCTOR, "agreed", true)));

        DrugDescription loxoprofenRenamed = DrugDescription.of(RENAMED.find(LOXOPROFEN_TABLET).orElseThrow());
        assertThat(the(PrescriptionAmended.class, events).drugs())
                .isEqualTo(new DrugDescriptions(RENAMED.version(), List.of(AMLODIPINE_AS_ISSUED, loxoprofenRenamed)));
        assertThat(the(InteractionCheckCompleted.class, events).drugs().described())
                .as("the amended course's drug as its line records it").containsExactly(loxoprofenRenamed);
    }

    @Test
    void anAmendmentRecordsAnUnchangedLineAsItWasPrescribedNotAsALaterDispensingDescribedItsDrug() {
        // the pharmacy names line 1's drug by its code under the renaming catalogue: the dispensing describes it anew
        PrescriberQueried queried = new PrescriberQueried(ID, QUERY, PHARMACY_A, pharmacistOf(PHARMACY_A), 1,
                "shorten loxoprofen?", List.of(new PrescribedLine(2, LOXOPROFEN_TABLET, qty(9), "tablet",
                "1 tablet three times daily after meals", 3)), clock.instant());

        List<Object> events = recorded(describing(RENAMED)
                .given(issuedDescribed(), accepted(PHARMACY_A), queried)
                .andGivenCommands(dispense(PHARMACY_A, itemOf(1, AMLODIPINE_BRAND_A, 14, 14)))
                .when(new AnswerQuery(ID, QUERY, HOSPITAL, DOCTOR, "agreed", true)));

        assertThat(the(PrescriptionAmended.class, events).drugs().find(AMLODIPINE_BRAND_A))
                .as("line 1 did not change: as its issue described it").contains(AMLODIPINE_AS_ISSUED);
    }

    @Test
    void aDispensingOfThePrescribedDrugDescribesNothingNewAndItsCheckDescribesTheCourseAsTheLineWasIssued() {
        List<Object> events = recorded(describing(RENAMED).given(issuedDescribed(), accepted(PHARMACY_A))
                .when(dispense(PHARMACY_A, item(1, 14, 14))));

        assertThat(the(PrescriptionDispensed.class, events).drugs())
                .as("the prescribed drug, which the issue described: no substitute to describe")
                .isEqualTo(new DrugDescriptions(RENAMED.version(), List.of()));
        assertThat(the(InteractionCheckCompleted.class, events).drugs().find(AMLODIPINE_BRAND_A))
                .as("the dispensed course's drug as its line was issued, not as renamed since")
                .contains(AMLODIPINE_AS_ISSUED);
    }
}
