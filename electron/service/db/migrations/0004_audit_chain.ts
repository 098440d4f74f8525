import type { Migration } from './Migration';

export const migration0004: Migration = {
  version: 4,
  name: 'audit_chain',
  up(db) {
    db.exec(`
      -- The chain row holds only the hash of its payload. Retention can then purge the payload
      -- (personal data) while every hash in the chain still verifies.
      CREATE TABLE audit_events (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor_id TEXT,
        actor_name TEXT NOT NULL,
        type TEXT NOT NULL,
        case_id TEXT,
        profile_id TEXT,
        payload_hash TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE
      ) STRICT;
      CREATE INDEX audit_case ON audit_events(case_id, seq);
      CREATE INDEX audit_actor ON audit_events(actor_id, seq);
      CREATE INDEX audit_type ON audit_events(type, seq);
      CREATE INDEX audit_at ON audit_events(at);

      CREATE TABLE audit_payloads (
        seq INTEGER PRIMARY KEY REFERENCES audit_events(seq),
        body TEXT NOT NULL CHECK (json_valid(body))
      ) STRICT;

      -- Append-only: the application cannot rewrite history. (Someone with the file can drop
      -- these triggers; that is what the hash chain is for.)
      CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
      CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
      CREATE TRIGGER audit_payloads_no_update BEFORE UPDATE ON audit_payloads
        BEGIN SELECT RAISE(ABORT, 'audit_payloads can be purged, never edited'); END;
    `);
  },
};
