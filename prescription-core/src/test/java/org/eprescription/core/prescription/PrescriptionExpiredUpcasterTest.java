package org.eprescription.core.prescription;

import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.event.PrescriptionExpired;
import org.eprescription.core.prescription.event.PrescriptionExpiredUpcaster;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.core.prescription.StoredRevisions.AGGREGATE_ID;
import static org.eprescription.core.prescription.StoredRevisions.storedPrescriptionEvent;
import static org.eprescription.core.prescription.StoredRevisions.upcastAndRead;

/**
 * A PrescriptionExpired stored as revision 1 (frozen JSON, as the store kept it) reads as revision 2 without the days
 * it did not record: never dated again from its instant in the zone the exchange runs in now.
 */
class PrescriptionExpiredUpcasterTest {

    @Test
    void aRevisionOneExpiryReadsWithoutTheDaysItDidNotRecord() throws IOException {
        GenericDomainEventEntry<byte[]> stored = storedPrescriptionEvent(2,
                "e7a3c0de-0000-4000-8000-000000000021", "2026-11-29T15:10:00Z", PrescriptionExpired.class, "1");

        Object expired = upcastAndRead(stored, new PrescriptionExpiredUpcaster()).getPayload();

        assertThat(expired).isEqualTo(new PrescriptionExpired(PrescriptionId.of(AGGREGATE_ID), 1,
                Instant.parse("2026-11-29T15:10:00Z"), null, null));
    }
}
