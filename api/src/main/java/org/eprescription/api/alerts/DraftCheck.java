package org.eprescription.api.alerts;

import org.eprescription.api.config.ExchangeProperties;
import org.eprescription.api.privacy.AccessLog;
import org.eprescription.api.security.ResourceAccess;
import org.eprescription.core.ids.PatientId;
import org.eprescription.query.alerts.query.AlertQueries;
import org.eprescription.query.alerts.query.DraftAlerts;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The duplicate and interaction check of a draft, for every way it is asked ({@code POST /duplicate-checks}, the CDS
 * Hooks service): the read is in the patient's access log, and a caller without a care relationship (and without
 * the patient's consent) learns nothing of the patient's medication (docs/alerts.md, "Privacy"). Asked of the query
 * side directly rather than through the query bus: an EHR runs it on every keystroke of a draft, and the bus's unit
 * of work, transaction and message monitors cost more than the check itself (docs/benchmarks.md, "Duplicate checks").
 */
@Component
public class DraftCheck {

    private final AlertQueries alertQueries;
    private final ResourceAccess access;
    private final AccessLog accessLog;
    private final Clock clock;
    private final boolean alertsEnabled;

    public DraftCheck(AlertQueries alertQueries, ResourceAccess access, AccessLog accessLog, Clock clock,
                      ExchangeProperties properties) {
        this.alertQueries = alertQueries;
        this.access = access;
        this.accessLog = accessLog;
        this.clock = clock;
        this.alertsEnabled = properties.alerts() == null || properties.alerts().enabled();
    }

    /**
     * The alerts the draft's lines would raise, and whether it could compare every course; changes nothing. Empty
     * when alerts are switched off ({@code exchange.alerts.enabled=false}): the course record is then not kept, and
     * "no alerts" would say "nothing found" where the exchange does not know.
     */
    public Optional<DraftAlerts> check(DuplicateCheckRequest draft) {
        if (!alertsEnabled) {
            return Optional.empty();
        }
        DraftAlerts found = alertQueries.check(draft.toQuery(LocalDate.now(clock)), access.careParties());
        // logged once the check has an answer to show: a draft refused (an unknown drug) shows nothing
        accessLog.read(PatientId.of(draft.patientId()), "duplicate check");
        return Optional.of(found);
    }
}
