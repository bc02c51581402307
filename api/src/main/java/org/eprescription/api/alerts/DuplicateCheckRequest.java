package org.eprescription.api.alerts;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eprescription.api.input.FieldLimits;
import org.eprescription.api.input.Identifier;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.ids.PatientId;
import org.eprescription.core.ids.PrescriptionId;
import org.eprescription.query.alerts.query.CheckDuplicates;
import org.eprescription.query.alerts.query.DraftLine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The body of {@code POST /duplicate-checks}: a draft prescription. With the intended {@code prescriptionId} the
 * alert ids are those the issued prescription will carry, so they can be acknowledged on issue.
 */
public record DuplicateCheckRequest(@NotBlank @Identifier String patientId,
                                    @NotNull @Size(min = 1, max = 10) List<@NotNull @Valid Line> lines,
                                    LocalDate startDate,
                                    UUID prescriptionId) {

    /**
     * {@code lineNumber} defaults to the line's position (1, 2, ...), as on the issued prescription; {@code unit},
     * when given, must be the drug's unit, as on issue.
     */
    @Schema(name = "DraftLine")
    public record Line(Integer lineNumber, @NotBlank @Size(max = FieldLimits.CODE) String drugCode,
                       @NotNull @Min(1) @Max(365) Integer days, Boolean asNeeded,
                       @Size(max = FieldLimits.CODE) String unit) {

        /** A draft line that does not say its unit yet. */
        public Line(Integer lineNumber, String drugCode, Integer days, Boolean asNeeded) {
            this(lineNumber, drugCode, days, asNeeded, null);
        }
    }

    /** The draft as a query; whether the caller cares for the patient is asked apart, and only when it matters. */
    CheckDuplicates toQuery(LocalDate today) {
        List<DraftLine> draft = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            draft.add(new DraftLine(line.lineNumber() == null ? i + 1 : line.lineNumber(), DrugCode.of(line.drugCode()),
                    line.days(), Boolean.TRUE.equals(line.asNeeded()), line.unit()));
        }
        PrescriptionId id = prescriptionId == null ? PrescriptionId.random() : new PrescriptionId(prescriptionId);
        return new CheckDuplicates(PatientId.of(patientId), draft, startDate == null ? today : startDate, id, false);
    }
}
