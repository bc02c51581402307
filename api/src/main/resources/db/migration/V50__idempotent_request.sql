-- The first answer to a POST that carried an Idempotency-Key, so that a retry (on any node, after a restart)
-- gets that answer instead of running the command again. A row without a status is a request still running.
CREATE TABLE idempotent_request (
    idempotency_key VARCHAR(200)  NOT NULL,
    method          VARCHAR(10)   NOT NULL,
    path            VARCHAR(1000) NOT NULL,
    request_hash    BYTEA         NOT NULL,
    status          INTEGER,
    content_type    VARCHAR(255),
    body            BYTEA,
    location        VARCHAR(1000),
    created_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    PRIMARY KEY (idempotency_key, method, path)
);

CREATE INDEX idempotent_request_created_at ON idempotent_request (created_at);
