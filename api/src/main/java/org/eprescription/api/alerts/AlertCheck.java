package org.eprescription.api.alerts;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.prescription.CommandOutcome;

import java.time.Instant;
import java.util.List;

/**
 * What an issue's or a dispensing's answer says of its interaction check (docs/alerts.md): whether it ran, and if so
 * whether it could compare every course it met, with which catalogue and when. {@code performed: false} (alerts are
 * switched off) is why such an answer carries no {@code alerts}: an empty list would read as "nothing found". So is
 * {@code complete: false}: the courses of the drug codes in {@code unknownDrugCodes} were not compared, because the
 * catalogue does not know them, and no alert about them does not mean they do not conflict.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertCheck(boolean performed, Boolean complete, String catalogueVersion, Instant checkedAt,
                         List<String> unknownDrugCodes) {

    private static final AlertCheck NOT_PERFORMED = new AlertCheck(false, null, null, null, null);

    /** A check that ran with this catalogue at this time and could not compare these drugs, or (all null) none. */
    public static AlertCheck of(String catalogueVersion, Instant checkedAt, List<DrugCode> unknownDrugCodes) {
        if (catalogueVersion == null && checkedAt == null) {
            return NOT_PERFORMED;
        }
        List<String> unknown = unknownDrugCodes.stream().map(DrugCode::value).toList();
        return new AlertCheck(true, unknown.isEmpty(), catalogueVersion, checkedAt, unknown);
    }

    /**
     * A draft's check, which records nothing and so has no time; {@code complete} false with no codes where the
     * caller may not see the patient's medication.
     */
    public static AlertCheck ofDraft(String catalogueVersion, boolean complete, List<DrugCode> unknownDrugCodes) {
        return new AlertCheck(true, complete, catalogueVersion, null,
                unknownDrugCodes.stream().map(DrugCode::value).toList());
    }

    /** No check ran: alerts are switched off. */
    public static AlertCheck notPerformed() {
        return NOT_PERFORMED;
    }

    public static AlertCheck of(CommandOutcome outcome) {
        return outcome.check() == null ? NOT_PERFORMED
                : of(outcome.check().catalogueVersion(), outcome.check().checkedAt(),
                outcome.check().unknownDrugCodes());
    }
}
