package org.eprescription.core.prescription.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.ids.QueryId;
import org.eprescription.core.prescription.PrescribedLine;

import java.util.List;

/** Ask the prescriber a question about the prescription the pharmacy holds, possibly proposing changed lines. */
public record QueryPrescriber(@TargetAggregateIdentifier PrescriptionId prescriptionId, QueryId queryId,
                              PharmacyId pharmacyId, PharmacistId pharmacistId, String question,
                              List<PrescribedLine> proposedLines) {

    public QueryPrescriber {
        proposedLines = proposedLines == null ? List.of() : List.copyOf(proposedLines);
    }
}
