package org.eprescription.api.prescriberquery;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eprescription.api.input.FieldLimits;
import org.eprescription.api.input.Identifier;
import org.eprescription.api.prescription.IssueRequest;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.prescription.PrescribedLine;

import java.util.List;

/**
 * The body of {@code POST /prescriptions/{id}/queries}: the question, and optionally lines proposed in place of the
 * lines of the same numbers (as an issue names lines). A pharmacy may name itself; the token's is taken otherwise.
 */
public record QueryRequest(@NotBlank @Size(max = FieldLimits.TEXT) String question,
                           @Size(max = FieldLimits.LIST) List<IssueRequest.@NotNull @Valid Line> proposedLines,
                           @Identifier String pharmacyId,
                           @Identifier String pharmacistId) {

    List<PrescribedLine> lines() {
        return proposedLines == null ? List.of() : proposedLines.stream()
                .map(line -> new PrescribedLine(line.lineNumber(), DrugCode.of(line.drugCode()), line.quantity(),
                        line.unit(), line.dosage(), line.days(), Boolean.TRUE.equals(line.asNeeded())))
                .toList();
    }
}
