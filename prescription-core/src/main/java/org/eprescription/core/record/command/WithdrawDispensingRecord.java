package org.eprescription.core.record.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.ids.Party;

/** Withdraw a registered dispensing that did not happen, on the day it was dispensed, and say why. */
public record WithdrawDispensingRecord(@TargetAggregateIdentifier DispensingRecordId recordId, Party withdrawnBy,
                                       String reason) {
}
