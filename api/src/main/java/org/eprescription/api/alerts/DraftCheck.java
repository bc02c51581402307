package org.eprescription.api.alerts;

import lombok.RequiredArgsConstructor;
import org.eprescription.api.privacy.AccessLog;
import org.eprescription.api.security.ResourceAccess;
import org.eprescription.core.ids.PatientId;
import org.eprescription.query.alerts.query.AlertQueries;
import org.eprescription.query.alerts.query.DraftAlerts;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;

/**
 * The duplicate and interaction check of a draft, for every way it is asked ({@code POST /duplicate-checks}, the CDS
 * Hooks service): the read is in the patient's access log, and a caller without a care relationship (and without
 * the patient's consent) learns nothing of the patient's medication (docs/alerts.md, "Privacy"). Asked of the query
 * side directly rather than through the query bus: an EHR runs it on every keystroke of a draft, and the bus's unit
 * of work, transaction and message monitors cost more than the check itself (docs/benchmarks.md, "Duplicate checks").
 */
@Component
@RequiredArgsConstructor
public class DraftCheck {

    private final AlertQueries alertQueries;
    private final ResourceAccess access;
    private final AccessLog accessLog;
    private final Clock clock;

    /** The alerts the draft's lines would raise, and whether it could compare every course; changes nothing. */
    public DraftAlerts check(DuplicateCheckRequest draft) {
        PatientId patient = PatientId.of(draft.patientId());
        accessLog.read(patient, "duplicate check");
        return alertQueries.check(draft.toQuery(LocalDate.now(clock)), access.careParties());
    }
}
