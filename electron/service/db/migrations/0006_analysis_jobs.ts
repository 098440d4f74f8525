import type { Migration } from './Migration';

export const migration0006: Migration = {
  version: 6,
  name: 'analysis_jobs',
  up(db) {
    db.exec(`
      -- A persistent job queue: jobs survive restarts, and a job whose worker crashed is retried
      -- until max_attempts.
      CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        case_id TEXT REFERENCES cases(id),
        payload TEXT NOT NULL CHECK (json_valid(payload)),
        status TEXT NOT NULL CHECK (status IN ('queued','running','succeeded','failed','cancelled')),
        attempts INTEGER NOT NULL DEFAULT 0,
        max_attempts INTEGER NOT NULL,
        progress REAL NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
        step TEXT,
        error_code TEXT,
        error_message TEXT,
        timings TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(timings)),
        created_at TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT,
        created_by TEXT
      ) STRICT;
      CREATE INDEX jobs_status_created ON jobs(status, created_at);
      CREATE INDEX jobs_case ON jobs(case_id, created_at);
    `);
  },
};
