-- When mail or calendar items last came in (a batch committed with something new): a stored analysis older
-- than that is stale. A sync that brought nothing leaves it, so it no longer makes a report analyse again.
-- Existing accounts start as changed now: their next report is analysed once more, to be sure.
ALTER TABLE accounts ADD COLUMN data_changed_at TEXT;
UPDATE accounts SET data_changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
