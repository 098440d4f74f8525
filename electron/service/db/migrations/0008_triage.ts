import type { Migration } from './Migration';

export const migration0008: Migration = {
  version: 8,
  name: 'triage',
  up(db) {
    db.exec(`
      -- Set by the engine from its result: the queue filters and sorts on them.
      ALTER TABLE cases ADD COLUMN risk TEXT CHECK (risk IN ('LOW','MEDIUM','HIGH'));
      ALTER TABLE cases ADD COLUMN has_warnings INTEGER NOT NULL DEFAULT 0 CHECK (has_warnings IN (0,1));
      CREATE INDEX cases_risk ON cases(risk, submitted_at);
      CREATE INDEX cases_recommendation ON cases(recommendation, submitted_at);

      -- An officer's named queue filters.
      CREATE TABLE saved_views (
        id TEXT PRIMARY KEY,
        operator_id TEXT NOT NULL REFERENCES operators(id),
        name TEXT NOT NULL,
        query TEXT NOT NULL CHECK (json_valid(query)),
        created_at TEXT NOT NULL,
        UNIQUE (operator_id, name)
      ) STRICT;
    `);
  },
};
