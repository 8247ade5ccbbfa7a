-- Every row is keyed by account. Only header-level facts are stored: never a message body.
CREATE TABLE accounts (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    time_zone   TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE owner_addresses (
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    address     TEXT NOT NULL,
    PRIMARY KEY (account_id, address)
) WITHOUT ROWID;

CREATE TABLE messages (
    account_id        INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    message_key       TEXT NOT NULL,
    message_id        TEXT,
    date_ms           INTEGER NOT NULL,
    from_addr         TEXT,
    from_name         TEXT,
    to_list           TEXT NOT NULL,
    cc_list           TEXT NOT NULL,
    bcc_list          TEXT NOT NULL,
    subject           TEXT,
    in_reply_to       TEXT,
    refs              TEXT NOT NULL,
    list_id           TEXT,
    list_unsubscribe  INTEGER NOT NULL,
    precedence        TEXT,
    auto_submitted    TEXT,
    has_attachment    INTEGER NOT NULL,
    carries_calendar  INTEGER NOT NULL,
    folder            TEXT NOT NULL,
    in_sent           INTEGER NOT NULL,
    is_draft          INTEGER NOT NULL,
    PRIMARY KEY (account_id, message_key)
) WITHOUT ROWID;

CREATE TABLE calendar_events (
    account_id         INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    uid                TEXT NOT NULL,
    instance_start_ms  INTEGER NOT NULL,
    sequence           INTEGER NOT NULL,
    start_ms           INTEGER NOT NULL,
    end_ms             INTEGER NOT NULL,
    all_day            INTEGER NOT NULL,
    cancelled          INTEGER NOT NULL,
    recurring          INTEGER NOT NULL,
    is_override        INTEGER NOT NULL,
    organizer_addr     TEXT,
    organizer_name     TEXT,
    attendees          TEXT NOT NULL,
    summary            TEXT,
    fingerprint        TEXT NOT NULL,
    PRIMARY KEY (account_id, uid, instance_start_ms)
) WITHOUT ROWID;

CREATE TABLE quarantine (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    source      TEXT NOT NULL,
    position    TEXT NOT NULL,
    reason      TEXT NOT NULL,
    at          TEXT NOT NULL,
    UNIQUE (account_id, source, position, reason)
);

CREATE TABLE checkpoints (
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    source_key  TEXT NOT NULL,
    position    TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (account_id, source_key)
) WITHOUT ROWID;

CREATE TABLE runs (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL,
    finished_at  TEXT NOT NULL,
    summary      TEXT NOT NULL
);

CREATE TABLE reports (
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    month       TEXT NOT NULL,
    json        TEXT NOT NULL,
    PRIMARY KEY (account_id, month)
) WITHOUT ROWID;

CREATE TABLE contacts (
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    address     TEXT NOT NULL,
    name        TEXT,
    PRIMARY KEY (account_id, address)
) WITHOUT ROWID;
