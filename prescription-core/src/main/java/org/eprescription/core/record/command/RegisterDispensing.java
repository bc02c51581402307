package org.eprescription.core.record.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.eprescription.core.ids.DispensingRecordId;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.Party;
import org.eprescription.core.prescription.PatientDetails;
import org.eprescription.core.record.RecordItem;

import java.util.List;

/**
 * Register what a pharmacy dispensed against a paper prescription, or an institution dispensed in-house (院内処方).
 * {@code prescribingInstitutionId} may be null (unknown, or the registering institution itself).
 */
public record RegisterDispensing(@TargetAggregateIdentifier DispensingRecordId recordId, PatientDetails patient,
                                 Party registeredBy, InstitutionId prescribingInstitutionId, List<RecordItem> items) {

    public RegisterDispensing {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
