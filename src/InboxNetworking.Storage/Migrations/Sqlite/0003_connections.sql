-- How an account is reached (IMAP today, Graph later). The credential is stored only as the connector
-- protected it (ASP.NET Core Data Protection); the store never sees it in plain text.
CREATE TABLE connections (
    account_id        INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    kind              TEXT NOT NULL,
    settings          TEXT NOT NULL,
    protected_secret  TEXT NOT NULL,
    state             TEXT NOT NULL,
    last_error        TEXT,
    last_sync_at      TEXT,
    last_outcome      TEXT,
    updated_at        TEXT NOT NULL
);

-- One monthly report delivered per account and month, with the Message-ID it was delivered under.
CREATE TABLE deliveries (
    account_id    INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    month         TEXT NOT NULL,
    message_id    TEXT NOT NULL,
    delivered_at  TEXT NOT NULL,
    PRIMARY KEY (account_id, month)
) WITHOUT ROWID;
