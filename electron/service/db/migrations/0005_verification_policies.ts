import type { Migration } from './Migration';

export const migration0005: Migration = {
  version: 5,
  name: 'verification_policies',
  up(db) {
    db.exec(`
      -- Policies are never edited in place: a change is a new version, and results name theirs.
      CREATE TABLE policies (
        version INTEGER PRIMARY KEY,
        body TEXT NOT NULL CHECK (json_valid(body)),
        note TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL
      ) STRICT;
    `);
  },
};
