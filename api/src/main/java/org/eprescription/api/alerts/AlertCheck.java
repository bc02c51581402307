package org.eprescription.api.alerts;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eprescription.core.ids.DrugCode;
import org.eprescription.core.interaction.UncheckedCourses;
import org.eprescription.core.prescription.CommandOutcome;

import java.time.Instant;
import java.util.List;

/**
 * What an issue's or a dispensing's answer says of its interaction check (docs/alerts.md): whether it ran, and if so
 * whether it could compare every course it met, with which catalogue and when. {@code performed: false} (alerts are
 * switched off) is why such an answer carries no {@code alerts}: an empty list would read as "nothing found". So is
 * {@code complete: false}: the courses of the drug codes in {@code unknownDrugCodes} were not compared, because the
 * catalogue does not know them, or the patient has prescriptions or registered dispensings whose courses no check
 * recorded ({@code uncheckedCourses}, moved while alerts were switched off); no alert about them does not mean they do
 * not conflict.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertCheck(boolean performed, Boolean complete, String catalogueVersion, Instant checkedAt,
                         List<String> unknownDrugCodes, Unchecked uncheckedCourses) {

    private static final AlertCheck NOT_PERFORMED = new AlertCheck(false, null, null, null, null, null);

    /**
     * How many of the patient's prescriptions and registered dispensing records have courses no check recorded: the
     * check could not compare them. Counted, not named: the recorded check names them (its event, for the audit), but
     * an answer would otherwise name another institution's prescription without the patient's consent.
     */
    public record Unchecked(int prescriptions, int dispensingRecords) {

        static Unchecked of(UncheckedCourses unchecked) {
            return new Unchecked(unchecked.prescriptions().size(), unchecked.dispensingRecords().size());
        }
    }

    /** A check that ran with this catalogue at this time and could not compare these drugs, or (all null) none. */
    public static AlertCheck of(String catalogueVersion, Instant checkedAt, List<DrugCode> unknownDrugCodes) {
        return of(catalogueVersion, checkedAt, unknownDrugCodes, UncheckedCourses.NONE);
    }

    /**
     * A check that ran with this catalogue at this time and could not compare these drugs nor the courses of these
     * sources, or (all null) none.
     */
    public static AlertCheck of(String catalogueVersion, Instant checkedAt, List<DrugCode> unknownDrugCodes,
                                UncheckedCourses unchecked) {
        if (catalogueVersion == null && checkedAt == null) {
            return NOT_PERFORMED;
        }
        List<String> unknown = unknownDrugCodes.stream().map(DrugCode::value).toList();
        return new AlertCheck(true, unknown.isEmpty() && unchecked.isEmpty(), catalogueVersion, checkedAt, unknown,
                Unchecked.of(unchecked));
    }

    /**
     * A draft's check, which records nothing and so has no time; {@code complete} false with no codes and no count
     * where the caller may not see the patient's medication.
     */
    public static AlertCheck ofDraft(String catalogueVersion, boolean complete, List<DrugCode> unknownDrugCodes,
                                     UncheckedCourses unchecked) {
        return new AlertCheck(true, complete, catalogueVersion, null,
                unknownDrugCodes.stream().map(DrugCode::value).toList(), Unchecked.of(unchecked));
    }

    /** No check ran: alerts are switched off. */
    public static AlertCheck notPerformed() {
        return NOT_PERFORMED;
    }

    /** Whether the check met courses it could not compare: an unknown drug's, or courses no check recorded. */
    public boolean incomplete() {
        return Boolean.FALSE.equals(complete);
    }

    public static AlertCheck of(CommandOutcome outcome) {
        return outcome.check() == null ? NOT_PERFORMED
                : of(outcome.check().catalogueVersion(), outcome.check().checkedAt(),
                outcome.check().unknownDrugCodes(), outcome.check().unchecked());
    }
}
