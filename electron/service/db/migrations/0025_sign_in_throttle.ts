import type { Migration } from './Migration';

export const migration0025: Migration = {
  version: 25,
  name: 'sign_in_throttle',
  up(db) {
    db.exec(`
      -- Failed sign-ins, per account (its e-mail, as typed and normalised) and per client (the
      -- transport's name for the caller), kept across restarts so a restart lifts no lock-out.
      -- A success or an admin's unlock deletes the row; stale rows are pruned as failures come.
      CREATE TABLE sign_in_failures (
        scope TEXT NOT NULL CHECK (scope IN ('account','client')),
        key TEXT NOT NULL,
        failures INTEGER NOT NULL CHECK (failures >= 1),
        last_failure_at TEXT NOT NULL,
        locked_until TEXT,
        PRIMARY KEY (scope, key)
      ) STRICT;
      CREATE INDEX sign_in_failures_last ON sign_in_failures(last_failure_at);
    `);
  },
};
