-- vodhook schema, version 1. The same file runs on SQLite and PostgreSQL; ${identity_pk} is a
-- Flyway placeholder filled per database (see Dialect). Conventions:
--   * every time is epoch milliseconds UTC in a BIGINT (SQLite has no timestamp type);
--   * every string is TEXT (no length limits that a hostile payload could trip into a 5xx);
--   * FileId and TaskId are TEXT: 20-digit FileIds do not fit a signed 64-bit integer.

-- The durable raw event log and the work queue. A row is written before the event is
-- acknowledged; the processor claims due rows with a lease.
CREATE TABLE inbox (
    id              ${identity_pk},
    received_at     BIGINT  NOT NULL,
    source          TEXT    NOT NULL,              -- PUSH | PULL
    event_type      TEXT    NOT NULL,
    format          TEXT    NOT NULL,              -- V3 | V2
    dedupe_key      TEXT    NOT NULL,
    body            TEXT    NOT NULL,              -- verbatim
    headers         TEXT    NOT NULL,              -- JSON object of the headers that matter
    status          TEXT    NOT NULL,              -- PENDING | PROCESSING | DONE | DEAD
    attempts        INTEGER NOT NULL DEFAULT 0,    -- claims so far; the current claim's fencing token
    next_attempt_at BIGINT  NOT NULL,              -- PENDING: due time; PROCESSING: = lease_until
    lease_owner     TEXT,
    lease_until     BIGINT,
    last_error      TEXT,
    processed_at    BIGINT,                        -- when it became DONE or DEAD
    CONSTRAINT inbox_dedupe_key_unique UNIQUE (dedupe_key)
);
CREATE INDEX inbox_due ON inbox (next_attempt_at, id) WHERE status IN ('PENDING', 'PROCESSING');
CREATE INDEX inbox_status ON inbox (status, id);

-- One row per VOD media (FileId). state only moves forward (state_rank).
CREATE TABLE media (
    file_id           TEXT    NOT NULL PRIMARY KEY,
    name              TEXT,
    media_url         TEXT,
    state             TEXT    NOT NULL,
    state_rank        INTEGER NOT NULL,
    procedure_task_id TEXT,
    created_at        BIGINT  NOT NULL,
    updated_at        BIGINT  NOT NULL
);

-- One row per VOD task (a ProcessMedia task flow, a procedure started by an upload, ...).
-- status only moves forward (status_rank); started_by_us and session_id, once known, stay.
CREATE TABLE task (
    task_id       TEXT    NOT NULL PRIMARY KEY,
    file_id       TEXT,
    kind          TEXT    NOT NULL,
    status        TEXT    NOT NULL,
    status_rank   INTEGER NOT NULL,
    err_code      BIGINT  NOT NULL DEFAULT 0,
    message       TEXT,
    session_id    TEXT,
    started_by_us BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL
);
CREATE INDEX task_file ON task (file_id, created_at);

-- Every output of a media: transcodes, covers, snapshots... One row per (file, kind, definition,
-- url); a failed sub-task is a row with url '' and status FAIL, removed once that
-- (file, kind, definition) succeeds, and never written over a success.
CREATE TABLE media_output (
    id           ${identity_pk},
    file_id      TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    definition   INTEGER NOT NULL,
    url          TEXT    NOT NULL DEFAULT '',
    width        INTEGER NOT NULL DEFAULT 0,
    height       INTEGER NOT NULL DEFAULT 0,
    bitrate      BIGINT  NOT NULL DEFAULT 0,
    size         BIGINT  NOT NULL DEFAULT 0,
    duration     DOUBLE PRECISION NOT NULL DEFAULT 0,
    container    TEXT,
    status       TEXT    NOT NULL,                 -- SUCCESS | FAIL
    err_code     BIGINT  NOT NULL DEFAULT 0,
    err_code_ext TEXT,
    message      TEXT,
    task_id      TEXT,
    created_at   BIGINT  NOT NULL,
    updated_at   BIGINT  NOT NULL,
    CONSTRAINT media_output_unique UNIQUE (file_id, kind, definition, url)
);
