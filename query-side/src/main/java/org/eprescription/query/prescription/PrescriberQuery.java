package org.eprescription.query.prescription;

import org.eprescription.core.ids.PharmacistId;
import org.eprescription.core.ids.PharmacyId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.QueryId;
import org.eprescription.core.prescription.PrescribedLine;

import java.time.Instant;
import java.util.List;

/**
 * A pharmacist's query to the prescriber (疑義照会) as the prescription view shows it.
 *
 * @param proposedLines the lines the pharmacy proposed (none for a question only)
 * @param status        {@code OPEN} until the issuing institution answers, then {@code ANSWERED}
 * @param accepted      whether the answer accepted the proposed lines (then they amended the prescription); null
 *                      while open
 */
public record PrescriberQuery(QueryId queryId, int use, PharmacyId pharmacyId, PharmacistId pharmacistId,
                              String question, List<PrescribedLine> proposedLines, Instant askedAt, Status status,
                              String answer, Boolean accepted, PrescriberId answeredBy, Instant answeredAt) {

    public enum Status { OPEN, ANSWERED }

    public PrescriberQuery {
        proposedLines = proposedLines == null ? List.of() : List.copyOf(proposedLines);
    }
}
