package org.eprescription.api.prescription;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.eprescription.api.alerts.AlertCheck;
import org.eprescription.query.alerts.query.AlertView;
import org.eprescription.query.prescription.PrescriptionView;

import java.util.List;

/**
 * The prescription view as docs/http-api.md shows it: the projection's fields, the alerts on it, on issue only the
 * exchange code (which the exchange never stores in clear and therefore shows only to the issuer), and on issue and
 * dispensing what became of their interaction check. {@code upToDate} is there only when false: the patient has
 * events the view or the alerts could not take in yet, or courses no check recorded (docs/alerts.md, "When the
 * exchange does not know").
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PrescriptionResponse(@JsonUnwrapped PrescriptionView view, List<AlertView> alerts, String exchangeCode,
                                   AlertCheck alertCheck, Boolean upToDate) {

    public PrescriptionResponse(PrescriptionView view, List<AlertView> alerts, String exchangeCode,
                                AlertCheck alertCheck) {
        this(view, alerts, exchangeCode, alertCheck, null);
    }

    public static PrescriptionResponse of(PrescriptionView view, List<AlertView> alerts) {
        return new PrescriptionResponse(view, alerts, null, null);
    }

    /** This answer, saying that what it shows may not be the whole picture yet ({@code upToDate: false}). */
    public PrescriptionResponse notUpToDate() {
        return new PrescriptionResponse(view, alerts, exchangeCode, alertCheck, Boolean.FALSE);
    }

    /** As {@link #of(PrescriptionView, List)}, saying so when what it shows may not be the whole picture. */
    public static PrescriptionResponse of(PrescriptionView view, List<AlertView> alerts, boolean incomplete) {
        return new PrescriptionResponse(view, alerts, null, null, incomplete ? Boolean.FALSE : null);
    }
}
