package org.eprescription.core.record;

import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.eprescription.core.record.event.DispensingRegistered;
import org.eprescription.core.record.event.RecordItemsUpcaster;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.core.prescription.StoredRevisions.storedEvent;
import static org.eprescription.core.prescription.StoredRevisions.upcastAndRead;

/**
 * A registration stored as revision 1, before an item could say it is taken as needed, reads as revision 2 with
 * every item taken on a schedule: what its check recorded.
 */
class RecordItemsUpcasterTest {

    @Test
    void aRevisionOneRegistrationsItemsAreTakenOnASchedule() throws IOException {
        GenericDomainEventEntry<byte[]> stored = storedEvent("DispensingRecord",
                "7d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a", 0, "e7a3c0de-0000-4000-8000-000000000031",
                "2026-11-29T08:36:26.138752315Z", DispensingRegistered.class, "1");

        DispensingRegistered registered = (DispensingRegistered)
                upcastAndRead(stored, RecordItemsUpcaster.ofRegistrations()).getPayload();

        assertThat(registered.items()).hasSize(2).noneMatch(RecordItem::asNeeded);
        assertThat(registered.items().get(1).days()).isEqualTo(3);
    }
}
