package org.eprescription.api.prescription;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eprescription.core.prescription.CommandOutcome;

import java.time.Instant;

/**
 * What an issue's or a dispensing's answer says of its interaction check (docs/alerts.md): whether it ran, and if so
 * with which catalogue and when. {@code performed: false} (alerts are switched off) is why such an answer carries no
 * {@code alerts}: an empty list would read as "nothing found".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertCheck(boolean performed, String catalogueVersion, Instant checkedAt) {

    /** A check that ran with this catalogue at this time, or (both null) none. */
    public static AlertCheck of(String catalogueVersion, Instant checkedAt) {
        return catalogueVersion == null && checkedAt == null
                ? new AlertCheck(false, null, null)
                : new AlertCheck(true, catalogueVersion, checkedAt);
    }

    static AlertCheck of(CommandOutcome outcome) {
        return outcome.check() == null
                ? new AlertCheck(false, null, null)
                : new AlertCheck(true, outcome.check().catalogueVersion(), outcome.check().checkedAt());
    }
}
