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
 * them), {@code amendedLineNumbers} those that changed or were added. Decided on {@code amendedOn}. Revision 2 records
 * how the catalogue described each line's drug ({@code drugs}); revision 1 is read with none (null: not recorded,
 * {@link PrescriptionAmendedUpcaster}).
 */
@Revision("2")
public record PrescriptionAmended(PrescriptionId prescriptionId, QueryId queryId, InstitutionId institutionId,
                                  PrescriberId prescriberId, List<PrescribedLine> lines,
                                  List<Integer> amendedLineNumbers, Instant amendedAt, LocalDate amendedOn,
                                  DrugDescriptions drugs)
        implements PrescriptionEvent {

    /** An amendment whose drugs were not described (as revision 1 was recorded). */
    public PrescriptionAmended(PrescriptionId prescriptionId, QueryId queryId, InstitutionId institutionId,
                               PrescriberId prescriberId, List<PrescribedLine> lines,
                               List<Integer> amendedLineNumbers, Instant amendedAt, LocalDate amendedOn) {
        this(prescriptionId, queryId, institutionId, prescriberId, lines, amendedLineNumbers, amendedAt, amendedOn,
                null);
    }

    public PrescriptionAmended {
        lines = List.copyOf(lines);
        amendedLineNumbers = List.copyOf(amendedLineNumbers);
    }
}
