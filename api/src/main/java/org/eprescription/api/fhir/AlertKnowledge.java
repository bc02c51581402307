package org.eprescription.api.fhir;

import lombok.RequiredArgsConstructor;
import org.eprescription.api.alerts.AlertCompleteness;
import org.eprescription.api.config.ExchangeProperties;
import org.eprescription.api.deadletter.PendingLetters;
import org.eprescription.core.ids.PatientId;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Why what the exchange shows of a patient may not be all it should (docs/alerts.md, "When the exchange does not
 * know"), said the way the JSON API says {@code upToDate: false}: no alerts are kept while alerts are switched off,
 * a patient's events waiting in the dead-letter queue of the prescription view or the alerts may hide an alert,
 * a prescription or a change, and medicine moved while alerts were off has courses no check recorded. A FHIR answer says so instead of reading as "nothing found".
 */
@Component
@RequiredArgsConstructor
class AlertKnowledge {

    static final String SWITCHED_OFF = "alerts are switched off on this exchange, which keeps none: no DetectedIssue "
            + "does not mean there is no conflict";
    static final String LETTERS_PENDING = "the patient has events the exchange could not take in yet (they wait in "
            + "its dead-letter queue): an alert or a prescription may be missing, or a change not shown";
    /** Either reason, where an answer cannot tell which (a JSON answer's {@code upToDate: false}). */
    static final String NOT_UP_TO_DATE = "the patient has events the exchange could not take in yet (they wait in its "
            + "dead-letter queue), or medicine moved while alerts were switched off whose courses no check recorded";

    private final ExchangeProperties properties;
    private final PendingLetters pendingLetters;
    private final AlertCompleteness completeness;

    /** Why the patient's alerts may not be all (as {@code GET /patients/{id}/alerts} answers upToDate false). */
    Optional<String> alertsIncomplete(PatientId patient) {
        if (!properties.alertsEnabled()) {
            return Optional.of(SWITCHED_OFF);
        }
        return completeness.complete(patient) ? Optional.empty() : Optional.of(NOT_UP_TO_DATE);
    }

    /** Why the patient's prescriptions may not be all (as {@code GET /patients/{id}/prescriptions} answers). */
    Optional<String> lettersPending(PatientId patient) {
        return pendingLetters.any(patient) ? Optional.of(LETTERS_PENDING) : Optional.empty();
    }

    boolean alertsKept() {
        return properties.alertsEnabled();
    }
}
