package org.eprescription.api.prescription;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.eprescription.query.prescription.PrescriptionView;

import java.util.List;

/**
 * The prescription view as api.md shows it: the projection's fields, the alerts on it, and on issue only the
 * exchange code (which the exchange never stores in clear and therefore cannot show again except to the issuer).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PrescriptionResponse(@JsonUnwrapped PrescriptionView view, List<Object> alerts, String exchangeCode) {

    public static PrescriptionResponse of(PrescriptionView view) {
        return new PrescriptionResponse(view, List.of(), null);
    }

    public static PrescriptionResponse issued(PrescriptionView view, String exchangeCode) {
        return new PrescriptionResponse(view, List.of(), exchangeCode);
    }
}
