package org.eprescription.api.idempotency;

import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Duration;
import java.util.Optional;

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

    /** True when this request is the first with its key and so must run. */
    boolean claim(RequestKey key, byte[] requestHash) {
        return jdbc.sql("""
                        INSERT INTO idempotent_request (idempotency_key, method, path, request_hash)
                        VALUES (:key, :method, :path, :hash)
                        ON CONFLICT DO NOTHING""")
                .param("key", key.key()).param("method", key.method()).param("path", key.path())
                .param("hash", requestHash)
                .update() == 1;
    }

    /** Takes over a claim whose request has been running longer than {@code abandonedAfter}: its node is gone. */
    boolean takeOverAbandoned(RequestKey key, byte[] requestHash, Duration abandonedAfter) {
        return jdbc.sql("""
                        UPDATE idempotent_request SET created_at = now()
                        WHERE idempotency_key = :key AND method = :method AND path = :path AND request_hash = :hash
                          AND status IS NULL AND created_at < now() - make_interval(secs => :seconds)""")
                .param("key", key.key()).param("method", key.method()).param("path", key.path())
                .param("hash", requestHash).param("seconds", abandonedAfter.toMillis() / 1000.0)
                .update() == 1;
    }

    Optional<Recorded> find(RequestKey key) {
        return jdbc.sql("""
                        SELECT request_hash, status, content_type, body, location FROM idempotent_request
                        WHERE idempotency_key = :key AND method = :method AND path = :path""")
                .param("key", key.key()).param("method", key.method()).param("path", key.path())
                .query((rs, row) -> {
                    int status = rs.getInt("status");
                    Optional<StoredAnswer> answer = rs.wasNull() ? Optional.empty()
                            : Optional.of(new StoredAnswer(status, rs.getString("content_type"), rs.getBytes("body"),
                            rs.getString("location")));
                    return new Recorded(rs.getBytes("request_hash"), answer);
                })
                .optional();
    }

    void complete(RequestKey key, StoredAnswer answer) {
        jdbc.sql("""
                        UPDATE idempotent_request SET status = :status, content_type = :contentType, body = :body,
                               location = :location
                        WHERE idempotency_key = :key AND method = :method AND path = :path""")
                .param("key", key.key()).param("method", key.method()).param("path", key.path())
                .param("status", answer.status()).param("contentType", answer.contentType())
                .param("body", answer.body()).param("location", answer.location())
                .update();
    }

    /** Gives the key up again after an answer not worth keeping, so that a retry runs for real. */
    void release(RequestKey key) {
        jdbc.sql("""
                        DELETE FROM idempotent_request
                        WHERE idempotency_key = :key AND method = :method AND path = :path AND status IS NULL""")
                .param("key", key.key()).param("method", key.method()).param("path", key.path())
                .update();
    }

    int forgetOlderThan(Duration retention) {
        return jdbc.sql("DELETE FROM idempotent_request WHERE created_at < now() - make_interval(secs => :seconds)")
                .param("seconds", retention.toMillis() / 1000.0)
                .update();
    }
}
