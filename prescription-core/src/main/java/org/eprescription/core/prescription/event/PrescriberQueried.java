package org.eprescription.core.prescription.event;

import org.axonframework.serialization.Revision;
import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.ids.QueryId;
import org.eprescription.core.prescription.PrescribedLine;

import java.time.Instant;
import java.util.List;

/**
 * The pharmacy holding the prescription asked its prescriber a question (疑義照会), possibly proposing lines that
 * would replace the lines of the same numbers (or be added under new numbers); none for a question only.
 */
@Revision("1")
public record PrescriberQueried(PrescriptionId prescriptionId, QueryId queryId, PharmacyId pharmacyId,
                                PharmacistId pharmacistId, int use, String question,
                                List<PrescribedLine> proposedLines, Instant queriedAt) implements PrescriptionEvent {

    public PrescriberQueried {
        proposedLines = proposedLines == null ? List.of() : List.copyOf(proposedLines);
    }
}
