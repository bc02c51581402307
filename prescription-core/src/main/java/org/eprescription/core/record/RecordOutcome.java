package org.eprescription.core.record;

import org.eprescription.core.record.event.DispensingRecordChecked;

/**
 * What registering, correcting or withdrawing a dispensing answers: the record's version and state after it, the
 * interaction check it recorded (null when alerts are switched off), and whether a registration found the record
 * already registered (a retry with the same id and content).
 */
public record RecordOutcome(long version, DispensingRecordState record, DispensingRecordChecked check,
                            boolean alreadyRegistered) {
}
