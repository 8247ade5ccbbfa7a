-- The person's own exclusions (`inboxnet exclude`): addresses or domains that are nobody's relationship to
-- them (a shared mailbox, a relative, a vendor). Every analysis applies them to the whole history.
CREATE TABLE exclusions (
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    pattern     TEXT NOT NULL,
    added_at    TEXT NOT NULL,
    PRIMARY KEY (account_id, pattern)
);
