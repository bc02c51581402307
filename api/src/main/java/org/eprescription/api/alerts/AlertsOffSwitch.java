package org.eprescription.api.alerts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * With {@code exchange.alerts.enabled=false} no interaction check runs (the issue's, a dispensing's, a registered
 * dispensing's, a draft's: {@code InteractionChecker.disabled()}, {@link DraftCheck}) and commands record none: for a
 * deployment that only moves prescriptions, and for the benchmark that measures what alerts cost the issue path.
 *
 * <p>The alert projection is not switched off: it decides nothing, it copies the courses and alerts the events
 * recorded and follows what stops them (a cancellation, an expiry, an acknowledgement). It keeps running in the shared
 * processor, so that switching alerts on again leaves it exactly where a replay would (docs/alerts.md, "After alerts
 * were switched off"). What was issued meanwhile has no recorded course; the reads of such a patient say so
 * ({@link AlertCompleteness}).
 */
@Component
@ConditionalOnProperty(name = "exchange.alerts.enabled", havingValue = "false")
public class AlertsOffSwitch {

    private static final Logger log = LoggerFactory.getLogger(AlertsOffSwitch.class);

    @EventListener(ApplicationReadyEvent.class)
    public void warn() {
        log.warn("exchange.alerts.enabled=false: duplicate and interaction alerts are not computed");
    }
}
