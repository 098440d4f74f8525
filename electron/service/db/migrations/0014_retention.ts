import type { Migration } from './Migration';

export const migration0014: Migration = {
  version: 14,
  name: 'retention',
  up(db) {
    db.exec(`
      -- A case under legal hold is never purged or erased. Clearing the hold deletes the row;
      -- who set and cleared it, and why, stays in the audit chain.
      CREATE TABLE legal_holds (
        case_id TEXT PRIMARY KEY REFERENCES cases(id),
        reason TEXT NOT NULL CHECK (length(reason) > 0),
        set_by TEXT NOT NULL REFERENCES operators(id),
        set_at TEXT NOT NULL
      ) STRICT;

      -- Erasure requests (GDPR art. 17) as received, and what became of them. No foreign key to
      -- cases: the request outlives the case it erased, as proof that it was honoured.
      CREATE TABLE erasure_requests (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (length(reason) > 0),
        received_at TEXT NOT NULL,
        recorded_by TEXT NOT NULL REFERENCES operators(id),
        recorded_at TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('PENDING','EXECUTED','REFUSED')),
        decided_by TEXT REFERENCES operators(id),
        decided_at TEXT,
        refusal_code TEXT,
        refusal_message TEXT,
        CHECK ((status = 'REFUSED') = (refusal_code IS NOT NULL))
      ) STRICT;
      CREATE INDEX erasure_requests_case ON erasure_requests(case_id);
      CREATE INDEX erasure_requests_status ON erasure_requests(status, recorded_at);

      -- What is left of a purged case: ids, when and why, counts and a digest of what was removed.
      -- The same facts are the payload of the chained 'retention.purged' audit event (audit_seq).
      CREATE TABLE purge_tombstones (
        case_id TEXT PRIMARY KEY,
        profile_id TEXT NOT NULL,
        basis TEXT NOT NULL CHECK (basis IN ('RETENTION','ERASURE')),
        erasure_request_id TEXT REFERENCES erasure_requests(id),
        closed_at TEXT,
        purged_at TEXT NOT NULL,
        purged_by TEXT REFERENCES operators(id),
        counts TEXT NOT NULL CHECK (json_valid(counts)),
        removed_digest TEXT NOT NULL CHECK (length(removed_digest) = 64),
        audit_seq INTEGER NOT NULL UNIQUE REFERENCES audit_events(seq)
      ) STRICT;
      CREATE INDEX purge_tombstones_purged ON purge_tombstones(purged_at);

      -- The purge looks for cases closed before a cut-off date.
      CREATE INDEX cases_closed ON cases(closed_at) WHERE closed_at IS NOT NULL;
    `);
  },
};
