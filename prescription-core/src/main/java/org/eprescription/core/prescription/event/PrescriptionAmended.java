package org.eprescription.core.prescription.event;

import org.axonframework.serialization.Revision;
import org.eprescription.core.catalogue.DrugDescriptions;
import org.eprescription.core.ids.InstitutionId;
import org.eprescription.core.ids.PrescriberId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.core.ids.QueryId;
import org.eprescription.core.prescription.PrescribedLine;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The prescriber accepted the lines a query proposed: {@code lines} are the prescription's lines from now on (all of
 * them), {@code amendedLineNumbers} those that changed or were added. Decided on {@code amendedOn}; the amended lines'
 * courses are planned from {@code plannedFrom}, that day or the planned day of the refill it was made for, if later
 * (docs/alerts.md, "After alerts were switched off"). Revision 2 records how the catalogue described each line's drug
 * ({@code drugs}); revision 1 is read with none (null: not recorded). Revision 3 records {@code plannedFrom}; earlier
 * revisions are read with the latest day it can be ({@link PrescriptionAmendedUpcaster}).
 */
@Revision("3")
public record PrescriptionAmended(PrescriptionId prescriptionId, QueryId queryId, InstitutionId institutionId,
                                  PrescriberId prescriberId, List<PrescribedLine> lines,
                                  List<Integer> amendedLineNumbers, Instant amendedAt, LocalDate amendedOn,
                                  DrugDescriptions drugs, LocalDate plannedFrom)
        implements PrescriptionEvent {

    /** An amendment whose drugs were not described (as revision 1 was recorded). */
    public PrescriptionAmended(PrescriptionId prescriptionId, QueryId queryId, InstitutionId institutionId,
                               PrescriberId prescriberId, List<PrescribedLine> lines,
                               List<Integer> amendedLineNumbers, Instant amendedAt, LocalDate amendedOn,
                               LocalDate plannedFrom) {
        this(prescriptionId, queryId, institutionId, prescriberId, lines, amendedLineNumbers, amendedAt, amendedOn,
                null, plannedFrom);
    }

    public PrescriptionAmended {
        lines = List.copyOf(lines);
        amendedLineNumbers = List.copyOf(amendedLineNumbers);
    }
}
