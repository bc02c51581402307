package org.eprescription.core.prescription.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.ids.QueryId;

/** Answer a pharmacist's query; {@code acceptChange} amends the prescription with the lines it proposed. */
public record AnswerQuery(@TargetAggregateIdentifier PrescriptionId prescriptionId, QueryId queryId,
                          InstitutionId institutionId, PrescriberId prescriberId, String answer,
                          boolean acceptChange) {
}
