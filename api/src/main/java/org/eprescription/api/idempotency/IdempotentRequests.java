package org.eprescription.api.idempotency;

import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The table of first answers. A request claims its key by inserting a row without a status; the unique key makes
 * exactly one of several concurrent requests (on any node) the one that runs.
 */
@Repository
@RequiredArgsConstructor
class IdempotentRequests {

    /** A row as another request finds it: the first request's body hash, and its answer once it has one. */
    record Recorded(byte[] requestHash, Optional<StoredAnswer> answer) {
    }

    private final JdbcClient jdbc;

    /** True when this request is the first with its key and so must run, under {@code claim}. */
    boolean claim(RequestKey key, byte[] requestHash, UUID claim) {
        return jdbc.sql("""
                        INSERT INTO idempotent_request (idempotency_key, method, path, request_hash, claim_id)
                        VALUES (:key, :method, :path, :hash, :claim)
                        ON CONFLICT DO NOTHING""")
                .param("key", key.key()).param("method", key.method()).param("path", key.path())
                .param("hash", requestHash).param("claim", claim)
                .update() == 1;
    }

    /**
     * Takes over, as {@code claim}, a claim whose request has been running longer than {@code abandonedAfter} (its node
     * is gone, or it hangs) and has not recorded its command: the retry runs it, and the request that held the claim
     * can no longer record its command ({@link #markCommandRecorded}).
     */
    boolean takeOverAbandoned(RequestKey key, byte[] requestHash, Duration abandonedAfter, UUID claim) {
        return jdbc.sql("""
                        UPDATE idempotent_request SET created_at = now(), claim_id = :claim
                        WHERE idempotency_key = :key AND method = :method AND path = :path AND request_hash = :hash
                          AND status IS NULL AND command_recorded_at IS NULL
                          AND created_at < now() - make_interval(secs => :seconds)""")
                .param("key", key.key()).param("method", key.method()).param("path", key.path())
                .param("hash", requestHash).param("seconds", abandonedAfter.toMillis() / 1000.0)
                .param("claim", claim)
                .update() == 1;
    }

    /**
     * Marks the command of the request holding {@code claim} as recorded, with the resource it changed (null if none
     * is known). Called in the command's own transaction, so that the row stays locked until the command commits (a
     * takeover waits for it and then sees the mark). Several commands of one request keep the first's time and
     * resource.
     *
     * @return false when the claim is no longer the request's (a retry took it over)
     */
    boolean markCommandRecorded(RequestKey key, UUID claim, String resource) {
        return jdbc.sql("""
                        UPDATE idempotent_request
                        SET command_recorded_at = coalesce(command_recorded_at, now()),
                            command_resource = coalesce(command_resource, ?)
                        WHERE idempotency_key = ? AND method = ? AND path = ? AND claim_id = ? AND status IS NULL""")
                .params(resource, key.key(), key.method(), key.path(), claim)
                .update() == 1;
    }

    /**
     * Gives a claim whose request recorded its command and has not answered for longer than {@code abandonedAfter}
     * since, the answer {@code answer} with the resource the command changed as its Location: the command is not run
     * again. The claim is then nobody's, so the request that held it cannot replace that answer. True when this call
     * gave it.
     */
    boolean answerAbandonedRecorded(RequestKey key, byte[] requestHash, Duration abandonedAfter,
                                    StoredAnswer answer) {
        return jdbc.sql("""
                        UPDATE idempotent_request
                        SET status = :status, content_type = :contentType, body = :body, location = command_resource,
                            claim_id = NULL
                        WHERE idempotency_key = :key AND method = :method AND path = :path AND request_hash = :hash
                          AND status IS NULL
                          AND command_recorded_at < now() - make_interval(secs => :seconds)""")
                .param("key", key.key()).param("method", key.method()).param("path", key.path())
                .param("hash", requestHash).param("seconds", abandonedAfter.toMillis() / 1000.0)
                .param("status", answer.status()).param("contentType", answer.contentType())
                .param("body", answer.body())
                .update() == 1;
    }

    Optional<Recorded> find(RequestKey key) {
        return jdbc.sql("""
                        SELECT request_hash, status, content_type, body, location, answered_from_events
                        FROM idempotent_request
                        WHERE idempotency_key = :key AND method = :method AND path = :path""")
                .param("key", key.key()).param("method", key.method()).param("path", key.path())
                .query((rs, row) -> {
                    int status = rs.getInt("status");
                    Optional<StoredAnswer> answer = rs.wasNull() ? Optional.empty()
                            : Optional.of(new StoredAnswer(status, rs.getString("content_type"), rs.getBytes("body"),
                            rs.getString("location"), rs.getBoolean("answered_from_events")));
                    return new Recorded(rs.getBytes("request_hash"), answer);
                })
                .optional();
    }

    /** Keeps the answer of the request holding {@code claim}; nothing if a retry took the claim over meanwhile. */
    void complete(RequestKey key, UUID claim, StoredAnswer answer) {
        jdbc.sql("""
                        UPDATE idempotent_request SET status = :status, content_type = :contentType, body = :body,
                               location = :location, answered_from_events = :answeredFromEvents
                        WHERE idempotency_key = :key AND method = :method AND path = :path AND claim_id = :claim""")
                .param("key", key.key()).param("method", key.method()).param("path", key.path())
                .param("claim", claim)
                .param("status", answer.status()).param("contentType", answer.contentType())
                .param("body", answer.body()).param("location", answer.location())
                .param("answeredFromEvents", answer.answeredFromEvents())
                .update();
    }

    /**
     * Gives the key up again after an answer not worth keeping, so that a retry runs for real; not if a retry took the
     * claim over meanwhile, nor once a command of the request is recorded.
     */
    void release(RequestKey key, UUID claim) {
        jdbc.sql("""
                        DELETE FROM idempotent_request
                        WHERE idempotency_key = :key AND method = :method AND path = :path AND claim_id = :claim
                          AND status IS NULL AND command_recorded_at IS NULL""")
                .param("key", key.key()).param("method", key.method()).param("path", key.path())
                .param("claim", claim)
                .update();
    }

    int forgetOlderThan(Duration retention) {
        return jdbc.sql("DELETE FROM idempotent_request WHERE created_at < now() - make_interval(secs => :seconds)")
                .param("seconds", retention.toMillis() / 1000.0)
                .update();
    }
}
