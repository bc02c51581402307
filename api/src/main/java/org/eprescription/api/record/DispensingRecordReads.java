package org.eprescription.api.record;

import lombok.RequiredArgsConstructor;
import org.axonframework.config.Configuration;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.record.DispensingRecord;
import org.eprescription.core.record.RecordOutcome;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * A registered dispensing as its events make it (docs/http-api.md, "Registered dispensings"): no projection keeps
 * records, so a read loads the record the way a command does, from the event store (or the node's cache, which the
 * store confirms), and changes nothing: its unit of work is rolled back.
 */
@Component
@RequiredArgsConstructor
class DispensingRecordReads {

    private final Configuration axon;

    /** The record with the check of its current revision; empty if none was registered under {@code id}. */
    Optional<RecordOutcome> current(DispensingRecordId id) {
        UnitOfWork<?> read = DefaultUnitOfWork.startAndGet(GenericMessage.asMessage("read " + id));
        try {
            return Optional.of(axon.repository(DispensingRecord.class).load(id.toString())
                    .invoke(DispensingRecord::current));
        } catch (AggregateNotFoundException unknown) {
            return Optional.empty();
        } finally {
            read.rollback();
        }
    }
}
