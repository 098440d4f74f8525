import type { Migration } from './Migration';

export const migration0023: Migration = {
  version: 23,
  name: 'didit_results',
  up(db) {
    db.exec(`
      -- The newest Didit result imported into a case (issue 11): Didit's OCR of the document,
      -- liveness and face-match scores and warnings, kept beside our own analysis (never over
      -- it). One row per case, replaced only by a result at least as new (remote_at); personal
      -- data, so the retention purge removes it with the case.
      CREATE TABLE didit_results (
        case_id TEXT PRIMARY KEY REFERENCES cases(id),
        session_id TEXT NOT NULL,
        status TEXT NOT NULL,
        remote_at TEXT NOT NULL,
        result TEXT NOT NULL CHECK (json_valid(result)),
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX didit_results_session ON didit_results(session_id);
    `);
  },
};
