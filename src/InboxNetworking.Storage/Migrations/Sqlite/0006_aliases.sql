-- The person's own merges (`inboxnet merge`): an address that is another address's person (an old job, a
-- personal address). Every analysis counts the alias as the canonical address, across the whole history.
CREATE TABLE aliases (
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    address     TEXT NOT NULL,
    canonical   TEXT NOT NULL,
    added_at    TEXT NOT NULL,
    PRIMARY KEY (account_id, address)
);
