package org.eprescription.api.storage;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.HttpApi.Response;
import org.eprescription.api.support.IssuedPrescription;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.event.PrescriptionReleased;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eprescription.api.support.Prescriptions.BIRTH_DATE;
import static org.eprescription.api.support.Prescriptions.accept;
import static org.eprescription.api.support.Prescriptions.issue;
import static org.eprescription.api.support.Prescriptions.unique;

/**
 * A node keeps a prescription between commands (docs/architecture.md, "Aggregates kept between commands"), and
 * another node may change it meanwhile: the next command on this node is decided on what the store holds. The cache
 * holds weak references, so a collection between the two accepts also passes this test;
 * {@code StoreCheckedCachingRepositoryTest} drives the same rule with a cache that keeps everything.
 */
class AggregatesBetweenCommandsIT extends ExchangeIntegrationTest {

    @Autowired
    EventStorageEngine engine;

    @Test
    void aReleaseAnotherNodeStoredLetsTheNextPharmacyAcceptHere() {
        IssuedPrescription rx = issued(issue(unique("HOSP")));
        Response first = api().post("/prescriptions/accept", accept(rx.exchangeCode(), BIRTH_DATE, "PH-A"));
        assertThat(first.status()).as(first.toString()).isEqualTo(200);

        storeAsAnotherNode(rx, new PrescriptionReleased(new PrescriptionId(UUID.fromString(rx.id())),
                new PharmacyId("PH-A"), 1, "patient went to another pharmacy", Instant.now()));
        Response second = api().post("/prescriptions/accept", accept(rx.exchangeCode(), BIRTH_DATE, "PH-B"));

        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        assertThat(second.text("pharmacyId")).isEqualTo("PH-B");
    }

    /** Appends {@code payload} as the prescription's next event, with the metadata of its last one. */
    private void storeAsAnotherNode(IssuedPrescription rx, Object payload) {
        DomainEventMessage<?> last = engine.readEvents(rx.id()).asStream().reduce((earlier, later) -> later)
                .orElseThrow();
        engine.appendEvents(new GenericDomainEventMessage<>(last.getType(), rx.id(), last.getSequenceNumber() + 1,
                payload, last.getMetaData()));
    }
}
