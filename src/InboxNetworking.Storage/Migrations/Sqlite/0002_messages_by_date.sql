-- Analysis streams an account's messages in date order, so replies meet their parents first.
CREATE INDEX messages_by_date ON messages (account_id, date_ms);
CREATE INDEX messages_sent_from ON messages (account_id, in_sent, from_addr);
