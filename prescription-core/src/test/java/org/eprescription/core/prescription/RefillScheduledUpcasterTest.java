package org.eprescription.core.prescription;

import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.event.RefillScheduled;
import org.eprescription.core.prescription.event.RefillScheduledUpcaster;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.core.prescription.StoredRevisions.AGGREGATE_ID;
import static org.eprescription.core.prescription.StoredRevisions.storedPrescriptionEvent;
import static org.eprescription.core.prescription.StoredRevisions.upcastAndRead;

/**
 * A RefillScheduled stored as revision 1 (frozen JSON, as the store kept it) reads as revision 2 with its window as
 * recorded and, for the days of its longest planned course it did not record, the longest a line may be prescribed
 * for: what counts a refill moved without a check as unchecked then runs too long, never too short.
 */
class RefillScheduledUpcasterTest {

    @Test
    void aRevisionOneRefillReadsWithTheLongestCourseALineMayHave() throws IOException {
        GenericDomainEventEntry<byte[]> stored = storedPrescriptionEvent(4,
                "e7a3c0de-0000-4000-8000-000000000041", "2026-11-29T08:36:26.138752315Z", RefillScheduled.class, "1");

        Object refill = upcastAndRead(stored, new RefillScheduledUpcaster()).getPayload();

        assertThat(refill).isEqualTo(new RefillScheduled(PrescriptionId.of(AGGREGATE_ID), 2,
                LocalDate.of(2026, 12, 27), LocalDate.of(2026, 12, 20), LocalDate.of(2027, 1, 3),
                Instant.parse("2026-11-29T08:36:26.138752315Z"), Prescription.MAX_DAYS));
        assertThat(Prescription.MAX_DAYS).as("the longest days of supply a line may have").isEqualTo(365);
    }
}
