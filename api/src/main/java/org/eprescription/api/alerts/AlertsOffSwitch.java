package org.eprescription.api.alerts;

import lombok.RequiredArgsConstructor;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * With {@code exchange.alerts.enabled=false} the alert projection does not run and answers do not wait for it:
 * for a deployment that only moves prescriptions, and for the benchmark that measures what alerts cost the issue
 * path. Switching it on again later does not bring back the courses of what was issued meanwhile: no check recorded
 * them (docs/alerts.md, "When the exchange does not know"). Health reports the processor it keeps off as off, not
 * as failed.
 */
@Component
@ConditionalOnProperty(name = "exchange.alerts.enabled", havingValue = "false")
@RequiredArgsConstructor
public class AlertsOffSwitch {

    static final String PROCESSOR = "medication-alerts";
    private static final Logger log = LoggerFactory.getLogger(AlertsOffSwitch.class);

    private final EventProcessingConfiguration eventProcessing;

    /** True for the event processor that this switch keeps off. */
    public boolean keepsOff(String processorName) {
        return PROCESSOR.equals(processorName);
    }

    @EventListener(ApplicationReadyEvent.class)
    public void stopAlertProjection() {
        eventProcessing.eventProcessor(PROCESSOR).ifPresent(EventProcessor::shutDown);
        log.warn("exchange.alerts.enabled=false: duplicate and interaction alerts are not computed");
    }
}
