-- ASP.NET Core Data Protection's key ring, where every worker of a cluster finds it: a credential that one
-- machine stored (`inboxnet connect`) is one that any machine can read, with no folder to share between them.
CREATE TABLE key_ring (
    name      TEXT PRIMARY KEY,
    xml       TEXT NOT NULL,
    added_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
