-- vodhook schema, version 4: vodhook's own media notifications, written in the same transaction as
-- the media change they report (a transactional outbox), and their deliveries to the application's
-- endpoints. Same conventions as V1 (epoch milliseconds in BIGINT, TEXT strings); runs on SQLite and
-- PostgreSQL alike.

-- How many notifications a media has been given: the next one's sequence number is notify_seq + 1.
-- The media row is also the lock that orders a media's notifications and its deliveries' queue.
ALTER TABLE media ADD COLUMN notify_seq BIGINT NOT NULL DEFAULT 0;

-- One row per notification, its body exactly as delivered (signed over these bytes, never changed).
-- event_id is the webhook-id: derived from the FileId, the type and the state change, so that a second
-- handler run or a second instance reporting the same change finds it here and writes nothing.
CREATE TABLE notification (
    id          ${identity_pk},
    event_id    TEXT    NOT NULL,
    file_id     TEXT    NOT NULL,
    sequence    BIGINT  NOT NULL,                  -- 1, 2, 3... per media
    event_type  TEXT    NOT NULL,                  -- media.uploaded, media.ready, ...
    created_at  BIGINT  NOT NULL,                  -- when the change was committed = its timestamp
    body        TEXT    NOT NULL,
    CONSTRAINT notification_event_id_unique UNIQUE (event_id)
);
CREATE INDEX notification_file ON notification (file_id, sequence);

-- The endpoints notifications go to, as configured (a URL is an endpoint; its secrets stay in the
-- config). retired: no longer configured; disabled: it answered 410 Gone, until an operator enables it.
CREATE TABLE notify_endpoint (
    id              ${identity_pk},
    url             TEXT    NOT NULL,
    types           TEXT    NOT NULL,              -- ',media.ready,media.failed,' or '*' for every type
    registered_at   BIGINT  NOT NULL,
    retired_at      BIGINT,
    disabled_at     BIGINT,
    disabled_reason TEXT,
    CONSTRAINT notify_endpoint_url_unique UNIQUE (url)
);

-- One row per notification and endpoint that wants it: the delivery queue, claimed with a lease like
-- the inbox. A media's deliveries to one endpoint go one at a time, in notification order: the first
-- open one is PENDING (or SENDING), the others WAITING until it is DELIVERED or DEAD.
CREATE TABLE delivery (
    id              ${identity_pk},
    notification_id BIGINT  NOT NULL,
    endpoint_id     BIGINT  NOT NULL,
    file_id         TEXT    NOT NULL,
    status          TEXT    NOT NULL,              -- WAITING | PENDING | SENDING | DELIVERED | DEAD
    attempts        INTEGER NOT NULL DEFAULT 0,    -- claims so far; the current claim's fencing token
    next_attempt_at BIGINT  NOT NULL,              -- PENDING: due time; SENDING: = lease_until
    lease_owner     TEXT,
    lease_until     BIGINT,
    last_status     INTEGER,                       -- the last answer's HTTP status, if there was one
    last_error      TEXT,                          -- the last answer's first bytes, or the error
    created_at      BIGINT  NOT NULL,
    finished_at     BIGINT,                        -- when it became DELIVERED or DEAD
    CONSTRAINT delivery_unique UNIQUE (notification_id, endpoint_id)
);
CREATE INDEX delivery_due ON delivery (endpoint_id, next_attempt_at, id) WHERE status IN ('PENDING', 'SENDING');
CREATE INDEX delivery_open ON delivery (endpoint_id, file_id, id) WHERE status IN ('WAITING', 'PENDING', 'SENDING');
CREATE INDEX delivery_status ON delivery (endpoint_id, status, id);
CREATE INDEX delivery_notification ON delivery (notification_id);

-- Every attempt: when, by whom, how long, what came back (the first KB) or what went wrong.
CREATE TABLE delivery_attempt (
    id          ${identity_pk},
    delivery_id BIGINT  NOT NULL,
    attempt     INTEGER NOT NULL,
    owner       TEXT    NOT NULL,
    started_at  BIGINT  NOT NULL,
    latency_ms  BIGINT  NOT NULL,
    status_code INTEGER,                           -- NULL when no answer came
    outcome     TEXT    NOT NULL,                  -- DELIVERED | FAILED | GONE
    response    TEXT    NOT NULL                   -- the answer's first KB, or the error
);
CREATE INDEX delivery_attempt_delivery ON delivery_attempt (delivery_id, id);
