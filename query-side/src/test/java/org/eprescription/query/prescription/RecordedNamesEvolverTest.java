package org.eprescription.query.prescription;

import org.eprescription.core.catalogue.DrugCatalogue;
import org.eprescription.core.catalogue.DrugDescription;
import org.eprescription.core.catalogue.DrugDescriptions;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.ids.QueryId;
import org.eprescription.core.prescription.PrescribedLine;
import org.eprescription.core.prescription.event.PrescriptionAmended;
import org.eprescription.core.prescription.event.PrescriptionIssued;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.core.testsupport.SampleDrugs.AMLODIPINE_BRAND_A;
import static org.eprescription.query.prescription.PrescriptionFixtures.CATALOGUE;
import static org.eprescription.query.prescription.PrescriptionFixtures.DOCTOR;
import static org.eprescription.query.prescription.PrescriptionFixtures.HOSPITAL;
import static org.eprescription.query.prescription.PrescriptionFixtures.T;
import static org.eprescription.query.prescription.PrescriptionFixtures.issued;

/**
 * A view's lines show the names their events recorded, whatever catalogue the exchange runs with later; a line of an
 * event that recorded none is named by that catalogue, and only its row keeps no names (docs/architecture.md,
 * "Reference data").
 */
class RecordedNamesEvolverTest {

    private static final PrescriptionId ID = PrescriptionId.of("8d5c0f3e-6c1a-4f7e-9a57-3f0c2b9b1e11");
    private static final DrugCatalogue EMPTY = new DrugCatalogue(List.of(), List.of());
    private static final DrugDescription AMLODIPINE_AS_ISSUED = DrugDescription.of(
            CATALOGUE.find(AMLODIPINE_BRAND_A).orElseThrow());

    private static PrescriptionIssued describedIssue() {
        PrescriptionIssued plain = issued(ID, 0);
        return new PrescriptionIssued(plain.prescriptionId(), plain.patient(), plain.prescriber(), plain.lines(),
                plain.refills(), plain.validUntil(), plain.exchangeCodeHash(), plain.exchangeCodeKeyId(),
                plain.exchangeCodeAttempt(), plain.acknowledgedAlerts(), plain.issuedAt(), plain.issuedOn(),
                new DrugDescriptions(CATALOGUE.version(), List.of(AMLODIPINE_AS_ISSUED)));
    }

    @Test
    void aLineShowsTheNamesItsIssueRecordedUnderACatalogueThatNoLongerListsTheDrug() {
        PrescriptionView view = new PrescriptionViewEvolver(EMPTY).evolve(null, describedIssue(), 0, T);

        ViewLine amlodipine = view.lines().get(0);
        assertThat(amlodipine.drugName()).isEqualTo("Amlodipine 5 mg tablet (brand A)");
        assertThat(amlodipine.drugNameJa()).isEqualTo("アムロジピン錠5mg（先発A）");
        assertThat(amlodipine.namesRecorded()).isTrue();
        assertThat(amlodipine.withoutNames()).as("the row keeps the recorded names").isEqualTo(amlodipine);
        assertThat(amlodipine.namedBy(EMPTY)).isEqualTo(amlodipine);
        ViewLine unknownThen = view.lines().get(1);
        assertThat(unknownThen.drugName()).as("the catalogue did not know it then").isNull();
        assertThat(unknownThen.namesRecorded()).isTrue();
    }

    @Test
    void aLineOfAnIssueThatRecordedNoNamesIsNamedByTheCatalogueAndItsRowKeepsNone() {
        PrescriptionView view = new PrescriptionViewEvolver(CATALOGUE).evolve(null, issued(ID, 0), 0, T);

        ViewLine amlodipine = view.lines().get(0);
        assertThat(amlodipine.drugName()).isEqualTo("Amlodipine 5 mg tablet (brand A)");
        assertThat(amlodipine.namesRecorded()).isFalse();
        assertThat(amlodipine.withoutNames().drugName()).isNull();
        assertThat(amlodipine.withoutNames().namedBy(EMPTY).drugName()).isNull();
    }

    @Test
    void anAmendedLineShowsTheNamesTheAmendmentRecorded() {
        PrescriptionViewEvolver evolver = new PrescriptionViewEvolver(EMPTY);
        PrescriptionView issuedView = evolver.evolve(null, describedIssue(), 0, T);
        PrescribedLine shorter = new PrescribedLine(1, AMLODIPINE_BRAND_A, new BigDecimal("14"),
                "tablet", "1 tablet once daily after breakfast", 14);
        PrescriptionAmended amended = new PrescriptionAmended(ID, QueryId.of("0b7a3f4e-2c1d-4e5f-8a9b-0c1d2e3f4a5b"),
                HOSPITAL, DOCTOR, List.of(shorter), List.of(1), T, issuedView.issuedOn(),
                new DrugDescriptions(CATALOGUE.version(), List.of(AMLODIPINE_AS_ISSUED)), issuedView.issuedOn());

        PrescriptionView view = evolver.evolve(issuedView, amended, 1, T);

        assertThat(view.lines()).singleElement().satisfies(line -> {
            assertThat(line.drugName()).isEqualTo("Amlodipine 5 mg tablet (brand A)");
            assertThat(line.namesRecorded()).isTrue();
        });
    }
}
