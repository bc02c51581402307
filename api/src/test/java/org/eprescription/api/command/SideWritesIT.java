package org.eprescription.api.command;

import org.eprescription.api.actor.Actor;
import org.eprescription.api.support.ExchangeIntegrationTest;
import org.eprescription.api.support.IssuedPrescription;
import org.eprescription.api.support.StoredEvents;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.prescription.command.ReleasePrescription;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** docs/architecture.md, "Writes beside a command": a command and the writes sent with it are stored together or not at all. */
class SideWritesIT extends ExchangeIntegrationTest {

    private static final Actor PHARMACIST = new Actor("RPH-1", Actor.Role.PHARMACIST, "PH-A");

    @Autowired
    CommandSender commands;

    @Autowired
    StoredEvents events;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aSideWriteIsMadeInTheTransactionThatStoresTheCommandsEvents() {
        IssuedPrescription rx = acceptedBy("PH-A");
        AtomicLong writersTransaction = new AtomicLong();

        commands.send(release(rx), PHARMACIST, null,
                handled -> writersTransaction.set(jdbc.sql("select txid_current()").query(Long.class).single()));

        long eventsTransaction = jdbc.sql("""
                        select xmin::text::bigint from domainevententry
                        where aggregateidentifier = ? and type = 'Prescription' order by sequencenumber desc limit 1""")
                .param(rx.id()).query(Long.class).single();
        assertThat(events.count(rx.id(), "PrescriptionReleased")).isEqualTo(1);
        assertThat(eventsTransaction).isEqualTo(writersTransaction.get() % (1L << 32));
    }

    @Test
    void aSideWriteThatFailsFailsItsCommandAndNoEventIsStored() {
        IssuedPrescription rx = acceptedBy("PH-A");

        assertThatThrownBy(() -> commands.send(release(rx), PHARMACIST, null, handled -> {
            throw new DataAccessResourceFailureException("the access log cannot be written");
        })).isInstanceOf(DataAccessResourceFailureException.class);

        assertThat(events.count(rx.id(), "PrescriptionReleased")).isZero();
        assertThat(api().get(rx.path()).text("status")).isEqualTo("ACCEPTED");
    }

    private static ReleasePrescription release(IssuedPrescription rx) {
        return new ReleasePrescription(new PrescriptionId(UUID.fromString(rx.id())), PharmacyId.of("PH-A"),
                "the patient went elsewhere");
    }
}
