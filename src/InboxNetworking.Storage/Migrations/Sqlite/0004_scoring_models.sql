-- The depth-scoring decision an analysis made for an account (METRICS.md "ML.NET scoring"), kept so that the
-- next analysis reuses it until a new month's labels complete or the history changes: what it was trained on,
-- how it was judged, and the model itself (ML.NET's zip; NULL where S0 was kept, with the reason).
CREATE TABLE scoring_models (
    account_id    INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    label         TEXT NOT NULL,
    trained_on    TEXT NOT NULL,
    used          TEXT NOT NULL,
    version       TEXT,
    reason        TEXT NOT NULL,
    evaluation    TEXT NOT NULL,
    model         BLOB,
    created_at    TEXT NOT NULL,
    PRIMARY KEY (account_id, label)
);
