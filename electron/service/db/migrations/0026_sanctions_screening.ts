import type { Migration } from './Migration';

export const migration0026: Migration = {
  version: 26,
  name: 'sanctions_screening',
  up(db) {
    db.exec(`
      -- Each import of a list file is a snapshot; one snapshot per source is active. A failed
      -- import writes nothing, so the previous snapshot stays active.
      CREATE TABLE sanction_lists (
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL CHECK (length(source) BETWEEN 1 AND 60),
        format TEXT NOT NULL,
        file_name TEXT NOT NULL,
        file_hash TEXT NOT NULL,
        published_at TEXT,
        entry_count INTEGER NOT NULL CHECK (entry_count > 0),
        imported_at TEXT NOT NULL,
        imported_by TEXT REFERENCES operators(id),
        active INTEGER NOT NULL CHECK (active IN (0, 1))
      ) STRICT;
      CREATE UNIQUE INDEX sanction_lists_one_active ON sanction_lists(source) WHERE active = 1;
      -- Every entry as the parser read it (names, aliases, dates, nationalities, documents), JSON.
      CREATE TABLE sanction_entries (
        list_id TEXT NOT NULL REFERENCES sanction_lists(id) ON DELETE CASCADE,
        entry_id TEXT NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (list_id, entry_id)
      ) STRICT;
      -- What screening found for a case, one row per list entry, with the officer's disposition.
      CREATE TABLE screening_hits (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id),
        profile_id TEXT NOT NULL,
        source TEXT NOT NULL,
        entry_id TEXT NOT NULL,
        list_id TEXT NOT NULL REFERENCES sanction_lists(id),
        matched_name TEXT NOT NULL,
        score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
        why TEXT NOT NULL,
        found_at TEXT NOT NULL,
        disposition TEXT CHECK (disposition IN ('TRUE_POSITIVE', 'FALSE_POSITIVE')),
        disposition_reason TEXT,
        disposed_by TEXT REFERENCES operators(id),
        disposed_at TEXT,
        UNIQUE (case_id, source, entry_id)
      ) STRICT;
      CREATE INDEX screening_hits_open ON screening_hits(case_id) WHERE disposition IS NULL;
      -- A false positive is remembered for the customer and the entry: re-screening keeps it cleared.
      CREATE TABLE screening_clearances (
        profile_id TEXT NOT NULL,
        source TEXT NOT NULL,
        entry_id TEXT NOT NULL,
        reason TEXT NOT NULL,
        cleared_by TEXT REFERENCES operators(id),
        cleared_at TEXT NOT NULL,
        PRIMARY KEY (profile_id, source, entry_id)
      ) STRICT;
    `);
  },
};
