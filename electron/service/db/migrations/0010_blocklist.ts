import type { Migration } from './Migration';

export const migration0010: Migration = {
  version: 10,
  name: 'blocklist',
  up(db) {
    db.exec(`
      -- As Didit: a case's face, document, or both can be blocklisted; later cases that match are flagged.
      CREATE TABLE blocklist (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('FACE','DOCUMENT')),
        document_type TEXT,
        document_number TEXT,
        document_country TEXT,
        -- 128 float32 values, little-endian.
        descriptor BLOB,
        source_case_id TEXT NOT NULL REFERENCES cases(id),
        reason TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES operators(id),
        created_at TEXT NOT NULL,
        removed_at TEXT,
        removed_by TEXT REFERENCES operators(id),
        CHECK ((kind = 'DOCUMENT' AND document_number IS NOT NULL) OR (kind = 'FACE' AND descriptor IS NOT NULL))
      ) STRICT;
      CREATE INDEX blocklist_document ON blocklist(document_number) WHERE removed_at IS NULL;

      -- The selfie's face descriptor per case, for blocklist and duplicate screening.
      CREATE TABLE face_descriptors (
        case_id TEXT PRIMARY KEY REFERENCES cases(id),
        descriptor BLOB NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      -- What screening found, with a link to the other case or the blocklist entry.
      CREATE TABLE case_flags (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id),
        kind TEXT NOT NULL CHECK (kind IN ('BLOCKLIST_FACE','BLOCKLIST_DOCUMENT','DUPLICATE_DOCUMENT','DUPLICATE_FACE')),
        other_case_id TEXT REFERENCES cases(id),
        blocklist_id TEXT REFERENCES blocklist(id),
        score REAL,
        detail TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (case_id, kind, other_case_id, blocklist_id)
      ) STRICT;
      CREATE INDEX case_flags_case ON case_flags(case_id);
    `);
  },
};
