package org.eprescription.core.record;

import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.interaction.CheckTrigger;
import org.eprescription.core.record.event.DispensingRecordChecked;
import org.eprescription.core.record.event.DispensingRecordCheckedUpcaster;
import org.eprescription.core.interaction.UncheckedCourses;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.core.prescription.StoredRevisions.storedEvent;
import static org.eprescription.core.prescription.StoredRevisions.upcastAndRead;

/** A DispensingRecordChecked stored as revision 1 reads as revision 2, naming no drug code it could not compare. */
class DispensingRecordCheckedUpcasterTest {

    @Test
    void aRevisionOneCheckReadsAsOneThatComparedEveryCourse() throws IOException {
        DispensingRecordChecked check = readAsStored("1", "e7a3c0de-0000-4000-8000-000000000021");

        assertThat(check.unknownDrugCodes()).isEmpty();
        assertThat(check.complete()).isTrue();
        assertThat(check.trigger()).isEqualTo(CheckTrigger.RECORD_REGISTRATION);
        assertThat(check.courses()).singleElement()
                .satisfies(course -> assertThat(course.drugCode()).isEqualTo(DrugCode.of("2171022F1021")));
    }

    @Test
    void aRevisionTwoCheckKeepsItsUnknownDrugCodesAndReadsAsOneThatMetNothingUnchecked() throws IOException {
        DispensingRecordChecked check = readAsStored("2", "e7a3c0de-0000-4000-8000-000000000022");

        assertThat(check.unknownDrugCodes()).containsExactly(DrugCode.of("6250001M1020"));
        assertThat(check.unchecked()).isEqualTo(UncheckedCourses.NONE);
        assertThat(check.complete()).isFalse();
    }

    /** The frozen check of {@code revision}, stored as the record's event 1, read back as the store reads it. */
    private static DispensingRecordChecked readAsStored(String revision, String eventId) throws IOException {
        GenericDomainEventEntry<byte[]> stored = storedEvent("DispensingRecord", "7d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a",
                1, eventId, "2026-11-29T08:36:26.138752315Z", DispensingRecordChecked.class, revision);
        return (DispensingRecordChecked) upcastAndRead(stored, new DispensingRecordCheckedUpcaster()).getPayload();
    }
}
