package org.eprescription.query.courses;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.ids.QueryId;
import org.eprescription.core.prescription.DispensedItem;
import org.eprescription.core.prescription.PrescribedLine;
import org.eprescription.core.prescription.Prescription;
import org.eprescription.core.prescription.event.DispensingCorrected;
import org.eprescription.core.prescription.event.PrescriptionAmended;
import org.eprescription.core.prescription.event.PrescriptionDispensed;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/**
 * A dispensing moved without a check is unchecked for as long as its course may run: the most days the dispensing
 * recorded ({@code courseDays}), not the days its items said (docs/alerts.md, "After alerts were switched off"). A
 * dispensing stored before it recorded them is read, in a replay, with the longest line days the prescription's
 * issue and amendments gave.
 */
class UncheckedDispensingDaysTest {

    private static final PrescriptionId ID = PrescriptionId.of("8d5c0f3e-6c1a-4f7e-9a57-3f0c2b9b1e11");
    private static final LocalDate DAY_20 = LocalDate.of(2026, 12, 21);
    private static final Instant AT = Instant.parse("2026-12-21T03:00:00Z");
    private static final DrugCode AMLODIPINE = DrugCode.of("2171022F1021");
    /** All 28 tablets of the 28-day line, recorded as 1 day. */
    private static final List<DispensedItem> AS_ONE_DAY = List.of(new DispensedItem(1, AMLODIPINE,
            BigDecimal.valueOf(28), 1));

    private final UncheckedCourseRepository repository = mock(UncheckedCourseRepository.class);

    @Test
    void aDispensingIsUncheckedForTheDaysItRecordedItsCourseMayRun() {
        UncheckedCourseProjection live = new UncheckedCourseProjection(repository);

        live.on(dispensed(28), message(dispensed(28)), "PAT-1");

        verify(repository).moved(eq(ID), eq("PAT-1"), anyString(), eq(28), isNull(), eq(DAY_20));
    }

    @Test
    void aCorrectionIsUncheckedForTheDaysItRecordedToo() {
        UncheckedCourseProjection live = new UncheckedCourseProjection(repository);
        DispensingCorrected corrected = new DispensingCorrected(ID, 1, 1, PharmacyId.of("PH-1"),
                PharmacistId.of("RPH-1"), "entered as 1 day", AS_ONE_DAY, true, AT, DAY_20, null, List.of(), null,
                28);

        live.on(corrected, message(corrected), "PAT-1");

        verify(repository).moved(eq(ID), eq("PAT-1"), anyString(), eq(28), isNull(), eq(DAY_20));
    }

    @Test
    void aReplayReadsADispensingThatRecordedNoCourseDaysWithTheLongestLineDaysItSaw() {
        UncheckedCourseProjection replay = UncheckedCourseProjection.forReplay(repository);
        PrescriptionAmended amended = new PrescriptionAmended(ID, QueryId.of("0b7a3f4e-2c1d-4e5f-8a9b-0c1d2e3f4a5b"),
                InstitutionId.of("HOSP-1"), PrescriberId.of("DOC-1"),
                List.of(new PrescribedLine(1, AMLODIPINE, BigDecimal.valueOf(28), "tablet", "once daily", 28)),
                List.of(1), AT.minusSeconds(86_400), DAY_20.minusDays(1), null, DAY_20.minusDays(1));
        replay.on(amended, message(amended), "PAT-1");
        replay.on(dispensed(null), message(dispensed(null)), "PAT-1");
        replay.replayBuffer().flush();

        verify(repository).moved(eq(ID), eq("PAT-1"), anyString(), eq(28), isNull(), eq(DAY_20));
    }

    @Test
    void withoutLineDaysSeenADispensingThatRecordedNoneCountsTheLongestALineMayHave() {
        UncheckedCourseProjection replay = UncheckedCourseProjection.forReplay(repository);
        replay.on(dispensed(null), message(dispensed(null)), "PAT-1");
        replay.replayBuffer().flush();

        verify(repository).moved(eq(ID), eq("PAT-1"), anyString(), eq(Prescription.MAX_DAYS), isNull(), eq(DAY_20));
    }

    private static PrescriptionDispensed dispensed(Integer courseDays) {
        return new PrescriptionDispensed(ID, PharmacyId.of("PH-1"), PharmacistId.of("RPH-1"), 1, AS_ONE_DAY, true, AT,
                DAY_20, null, List.of(), null, courseDays);
    }

    private static EventMessage<?> message(Object event) {
        return new GenericEventMessage<>(event, MetaData.with(UncheckedCourseProjection.COMMAND, "command-1"));
    }
}
