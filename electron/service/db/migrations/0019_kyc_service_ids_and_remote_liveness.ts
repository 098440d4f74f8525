import type { Migration } from './Migration';

export const migration0019: Migration = {
  version: 19,
  name: 'kyc_service_ids_and_remote_liveness',
  up(db) {
    db.exec(`
      -- kycService names an application's document by a number (documentId 123456789), ours by
      -- a UUID. A stable number per case, given in creation order; rowid is not stable across
      -- VACUUM on a table with a TEXT key, so it is copied once and kept in its own column.
      ALTER TABLE cases ADD COLUMN document_no INTEGER;
      UPDATE cases SET document_no = rowid;
      CREATE UNIQUE INDEX cases_document_no ON cases(document_no);

      -- kycService /callback/liveness: a remote liveness provider's result, kept as a signal
      -- beside our own sessions (never overriding them). A provider's retry of the same
      -- callback is recognised by its fingerprint and stored once.
      CREATE TABLE liveness_remote_results (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id),
        session_id TEXT,
        confidence REAL,
        result TEXT,
        error_message TEXT,
        -- Our newest session's status when the callback came, to show agreement or conflict.
        local_status TEXT CHECK (local_status IS NULL OR local_status IN ('PENDING','PASSED','FAILED','EXPIRED')),
        fingerprint TEXT NOT NULL UNIQUE,
        received_at TEXT NOT NULL,
        received_by TEXT NOT NULL REFERENCES operators(id)
      ) STRICT;
      CREATE INDEX liveness_remote_results_case ON liveness_remote_results(case_id, received_at);
    `);
  },
};
