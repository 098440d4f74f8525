import type { Migration } from './Migration';

export const migration0003: Migration = {
  version: 3,
  name: 'evidence',
  up(db) {
    db.exec(`
      -- Rows reference files in the content-addressed store by SHA-256; the bytes live once on disk.
      CREATE TABLE evidence (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id),
        kind TEXT NOT NULL CHECK (kind IN ('DOCUMENT_FRONT','DOCUMENT_BACK','SELFIE','LIVENESS_CLIP',
          'PROOF_OF_ADDRESS','SOURCE_OF_FUNDS','SUPPLEMENTARY')),
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        mime_type TEXT NOT NULL,
        byte_size INTEGER NOT NULL CHECK (byte_size > 0),
        file_name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES operators(id)
      ) STRICT;
      CREATE INDEX evidence_case ON evidence(case_id, created_at);
      CREATE INDEX evidence_sha ON evidence(sha256);
    `);
  },
};
