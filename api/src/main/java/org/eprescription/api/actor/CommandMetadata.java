package org.eprescription.api.actor;

import org.axonframework.messaging.MetaData;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The audit metadata every command carries and every event it causes inherits. */
public final class CommandMetadata {

    public static final String ACTOR_ID = "actorId";
    public static final String ACTOR_ROLE = "actorRole";
    public static final String ACTOR_ORGANISATION = "actorOrganisation";
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";
    public static final List<String> AUDIT_KEYS = List.of(ACTOR_ID, ACTOR_ROLE, ACTOR_ORGANISATION, IDEMPOTENCY_KEY);

    private CommandMetadata() {
    }

    public static MetaData of(Actor actor, String idempotencyKey) {
        Map<String, Object> values = new HashMap<>();
        values.put(ACTOR_ID, actor.userId());
        values.put(ACTOR_ROLE, actor.role().name());
        if (actor.organisationId() != null) {
            values.put(ACTOR_ORGANISATION, actor.organisationId());
        }
        if (idempotencyKey != null && !idempotencyKey.isBlank()) {
            values.put(IDEMPOTENCY_KEY, idempotencyKey);
        }
        return MetaData.from(values);
    }
}
