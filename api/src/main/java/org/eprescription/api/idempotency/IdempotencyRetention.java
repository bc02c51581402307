package org.eprescription.api.idempotency;

import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Forgets answers older than exchange.idempotency.retention; a retry later than that runs as a new request. */
@Component
@RequiredArgsConstructor
class IdempotencyRetention {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyRetention.class);

    private final IdempotentRequests requests;
    private final IdempotencyProperties properties;

    @Scheduled(fixedDelayString = "${exchange.idempotency.sweep-interval:PT1H}", initialDelayString = "PT1M")
    void forgetOldAnswers() {
        int forgotten = requests.forgetOlderThan(properties.retention());
        if (forgotten > 0) {
            log.info("forgot {} idempotent answers older than {}", forgotten, properties.retention());
        }
    }
}
