package org.eprescription.query.prescription;

import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.ids.QueryId;
import org.eprescription.core.prescription.PrescribedLine;
import org.eprescription.core.prescription.event.CancellationRequested;
import org.eprescription.core.prescription.event.DispensingCorrected;
import org.eprescription.core.prescription.event.DispensingWithdrawn;
import org.eprescription.core.prescription.event.PrescriberQueried;
import org.eprescription.core.prescription.event.PrescriptionAccepted;
import org.eprescription.core.prescription.event.PrescriptionAmended;
import org.eprescription.core.prescription.event.PrescriptionDispensed;
import org.eprescription.core.prescription.event.PrescriptionEvent;
import org.eprescription.core.prescription.event.QueryAnswered;
import org.eprescription.core.prescription.event.RefillScheduled;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.core.testsupport.SampleDrugs.AMLODIPINE_GENERIC_C;
import static org.eprescription.query.prescription.PrescriptionFixtures.CATALOGUE;
import static org.eprescription.query.prescription.PrescriptionFixtures.DOCTOR;
import static org.eprescription.query.prescription.PrescriptionFixtures.HOSPITAL;
import static org.eprescription.query.prescription.PrescriptionFixtures.PHARMACIST;
import static org.eprescription.query.prescription.PrescriptionFixtures.PHARMACY_A;
import static org.eprescription.query.prescription.PrescriptionFixtures.T;
import static org.eprescription.query.prescription.PrescriptionFixtures.issued;
import static org.eprescription.query.prescription.PrescriptionFixtures.item;
import static org.eprescription.query.testsupport.TestDatabase.OBJECT_MAPPER;

/** The prescription view of corrected and withdrawn dispensings, and of pharmacists' queries and amendments. */
class CorrectionsAndQueriesViewTest {

    private static final PrescriptionId ID = PrescriptionId.of("8d5c0f3e-6c1a-4f7e-9a57-3f0c2b9b1e11");
    private static final QueryId QUERY = QueryId.of("0b7a3f4e-2c1d-4e5f-8a9b-0c1d2e3f4a5b");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 30);

    private final PrescriptionViewEvolver evolver = new PrescriptionViewEvolver(CATALOGUE);

    private PrescriptionView given(PrescriptionEvent... events) {
        PrescriptionView view = null;
        long sequence = 0;
        for (PrescriptionEvent event : events) {
            view = evolver.evolve(view, event, sequence, T.plusSeconds(sequence));
            sequence++;
        }
        return view;
    }

    private static PrescriptionDispensed dispensed(String quantity) {
        return new PrescriptionDispensed(ID, PHARMACY_A, PHARMACIST, 1, List.of(item(1, quantity, 14)), false, T, DAY, null, List.of());
    }

    @Test
    void dispensingsAreNumberedFromOne() {
        PrescriptionView view = given(issued(ID, 0), new PrescriptionAccepted(ID, PHARMACY_A, PHARMACIST, 1, T),
                dispensed("7"), dispensed("7"));

        assertThat(view.dispensings()).extracting(Dispensing::sequence).containsExactly(1, 2);
        assertThat(view.dispensings()).extracting(Dispensing::status)
                .containsOnly(Dispensing.Status.RECORDED);
    }

    @Test
    void aCorrectionReplacesTheItemsAndWhatTheUseDispensed() {
        PrescriptionView view = given(issued(ID, 0), new PrescriptionAccepted(ID, PHARMACY_A, PHARMACIST, 1, T),
                dispensed("14"), new DispensingCorrected(ID, 1, 1, PHARMACY_A, PHARMACIST, "typo",
                        List.of(item(1, "10", 10)), false, T.plusSeconds(60), DAY, null, List.of()));

        Dispensing dispensing = view.dispensings().get(0);
        assertThat(dispensing.status()).isEqualTo(Dispensing.Status.CORRECTED);
        assertThat(dispensing.items()).containsExactly(item(1, "10", 10));
        assertThat(dispensing.corrections()).singleElement().satisfies(correction -> {
            assertThat(correction.reason()).isEqualTo("typo");
            assertThat(correction.previousItems()).containsExactly(item(1, "14", 14));
        });
        assertThat(view.lines().get(0).dispensedQuantity()).isEqualByComparingTo("10");
    }

    @Test
    void aWithdrawnDispensingStaysMarkedAndNoLongerCounts() {
        PrescriptionView view = given(issued(ID, 0), new PrescriptionAccepted(ID, PHARMACY_A, PHARMACIST, 1, T),
                dispensed("7"), dispensed("14"), new DispensingWithdrawn(ID, 2, 1, PHARMACY_A, PHARMACIST,
                        "wrong prescription", T.plusSeconds(60), DAY));

        assertThat(view.dispensings()).hasSize(2);
        assertThat(view.dispensings().get(1).status()).isEqualTo(Dispensing.Status.WITHDRAWN);
        assertThat(view.lines().get(0).dispensedQuantity()).isEqualByComparingTo("7");
    }

    @Test
    void aCorrectionThatCompletesTheUseLetsAPendingCancellationLapse() {
        PrescriptionView view = given(issued(ID, 0), new PrescriptionAccepted(ID, PHARMACY_A, PHARMACIST, 1, T),
                dispensed("14"), new CancellationRequested(ID, HOSPITAL, DOCTOR, PHARMACY_A, "dose", T),
                new DispensingCorrected(ID, 1, 1, PHARMACY_A, PHARMACIST, "typo", List.of(item(1, "28", 14)), true,
                        T, DAY, null, List.of()));

        assertThat(view.cancellationRequested()).isFalse();
        assertThat(view.cancellationRequest().outcome()).isEqualTo(CancellationRequest.Outcome.LAPSED);
    }

    @Test
    void aQueryIsOpenUntilAnsweredAndAnAcceptedChangeAmendsTheLines() {
        PrescribedLine proposed = new PrescribedLine(1, AMLODIPINE_GENERIC_C, new BigDecimal("14"), "tablet",
                "1 tablet once daily", 14);
        PrescriptionView asked = given(issued(ID, 0), new PrescriptionAccepted(ID, PHARMACY_A, PHARMACIST, 1, T),
                new PrescriberQueried(ID, QUERY, PHARMACY_A, PHARMACIST, 1, "14 days?", List.of(proposed), T));

        assertThat(asked.openQueries()).isEqualTo(1);
        assertThat(asked.queries()).singleElement().satisfies(query -> {
            assertThat(query.status()).isEqualTo(PrescriberQuery.Status.OPEN);
            assertThat(query.proposedLines()).containsExactly(proposed);
            assertThat(query.accepted()).isNull();
        });

        PrescriptionView answered = evolver.evolve(asked, new QueryAnswered(ID, QUERY, HOSPITAL, DOCTOR, "yes", true,
                T), asked.version() + 1, T);
        PrescriptionView amended = evolver.evolve(answered, new PrescriptionAmended(ID, QUERY, HOSPITAL, DOCTOR,
                List.of(proposed, issued(ID, 0).lines().get(1)), List.of(1), T, DAY, DAY), answered.version() + 1, T);

        assertThat(amended.openQueries()).isZero();
        assertThat(amended.queries().get(0).status()).isEqualTo(PrescriberQuery.Status.ANSWERED);
        assertThat(amended.queries().get(0).accepted()).isTrue();
        assertThat(amended.queries().get(0).answer()).isEqualTo("yes");
        assertThat(amended.lines().get(0).drugCode()).isEqualTo(AMLODIPINE_GENERIC_C);
        assertThat(amended.lines().get(0).quantity()).isEqualByComparingTo("14");
        assertThat(amended.lines().get(1).drugCode()).isEqualTo(DrugCode.of("9999999X9999"));
    }

    @Test
    void theViewWithQueriesReadsBackAsTheSameView() throws Exception {
        PrescriptionView view = given(issued(ID, 0), new PrescriptionAccepted(ID, PHARMACY_A, PHARMACIST, 1, T),
                dispensed("14"), new DispensingWithdrawn(ID, 1, 1, PHARMACY_A, PHARMACIST, "typo", T, DAY),
                new PrescriberQueried(ID, QUERY, PHARMACY_A, PHARMACIST, 1, "why?", List.of(), T));

        String json = OBJECT_MAPPER.writeValueAsString(view);
        assertThat(OBJECT_MAPPER.readTree(json).get("openQueries").asInt()).isEqualTo(1);
        assertThat(OBJECT_MAPPER.readValue(json, PrescriptionView.class)).isEqualTo(view);
    }

    @Test
    void aDispensingOfAUseCompletedBeforeAnAmendmentKeepsTheLinesItWasDispensedUnder() throws Exception {
        PrescribedLine proposed = new PrescribedLine(1, AMLODIPINE_GENERIC_C, new BigDecimal("14"), "tablet",
                "1 tablet once daily", 14);
        List<PrescribedLine> asIssued = issued(ID, 1).lines();
        PrescriptionView view = given(issued(ID, 1), new PrescriptionAccepted(ID, PHARMACY_A, PHARMACIST, 1, T),
                dispensed("14"), new PrescriptionDispensed(ID, PHARMACY_A, PHARMACIST, 1, List.of(item(2, "1", 1)),
                        true, T, DAY, null, List.of()),
                new RefillScheduled(ID, 2, DAY.plusDays(14), DAY.plusDays(7), DAY.plusDays(21), T, 14),
                new PrescriptionAccepted(ID, PHARMACY_A, PHARMACIST, 2, T),
                new PrescriberQueried(ID, QUERY, PHARMACY_A, PHARMACIST, 2, "generic?", List.of(proposed), T),
                new QueryAnswered(ID, QUERY, HOSPITAL, DOCTOR, "yes", true, T),
                new PrescriptionAmended(ID, QUERY, HOSPITAL, DOCTOR, List.of(proposed, asIssued.get(1)), List.of(1), T,
                        DAY, DAY),
                new DispensingCorrected(ID, 1, 1, PHARMACY_A, PHARMACIST, "typo", List.of(item(1, "10", 10)), false,
                        T, DAY, null, List.of()),
                new PrescriptionDispensed(ID, PHARMACY_A, PHARMACIST, 2, List.of(item(1, "14", 14)), false, T, DAY,
                        null, List.of()));

        assertThat(view.lines().get(0).drugCode()).isEqualTo(AMLODIPINE_GENERIC_C);
        assertThat(view.dispensings()).extracting(Dispensing::linesOfUse)
                .containsExactly(asIssued, asIssued, null);
        assertThat(view.lineDispensedUnder(view.dispensings().get(0), 1)).contains(asIssued.get(0));
        assertThat(view.lineDispensedUnder(view.dispensings().get(2), 1)).contains(proposed);
        String json = OBJECT_MAPPER.writeValueAsString(view);
        assertThat(OBJECT_MAPPER.readValue(json, PrescriptionView.class)).isEqualTo(view);
    }

    @Test
    void anAmendmentInTheUseLeavesItsDispensingsUnderThePrescriptionsLines() {
        PrescribedLine proposed = new PrescribedLine(2, AMLODIPINE_GENERIC_C, new BigDecimal("14"), "tablet",
                "1 tablet once daily", 14);
        PrescriptionView view = given(issued(ID, 0), new PrescriptionAccepted(ID, PHARMACY_A, PHARMACIST, 1, T),
                dispensed("7"),
                new PrescriberQueried(ID, QUERY, PHARMACY_A, PHARMACIST, 1, "line 2?", List.of(proposed), T),
                new QueryAnswered(ID, QUERY, HOSPITAL, DOCTOR, "yes", true, T),
                new PrescriptionAmended(ID, QUERY, HOSPITAL, DOCTOR, List.of(issued(ID, 0).lines().get(0), proposed),
                        List.of(2), T, DAY, DAY));

        assertThat(view.dispensings()).singleElement().satisfies(dispensing ->
                assertThat(dispensing.linesOfUse()).isNull());
    }
}
