package org.eprescription.api.support;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An idempotency key's request left as a node that recorded its command and stopped before answering leaves it: no
 * answer kept, claimed and recorded two minutes ago (docs/http-api.md, "Retries").
 */
public final class StoppedBeforeAnswering {

    private StoppedBeforeAnswering() {
    }

    public static void leave(JdbcClient jdbc, String idempotencyKey) {
        jdbc.sql("""
                        update idempotent_request
                        set status = null, content_type = null, body = null, location = null,
                            created_at = now() - interval '2 minutes',
                            command_recorded_at = now() - interval '2 minutes'
                        where idempotency_key = ?""")
                .param(idempotencyKey).update();
    }
}
