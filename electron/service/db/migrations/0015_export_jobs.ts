import type { Migration } from './Migration';

export const migration0015: Migration = {
  version: 15,
  name: 'export_jobs',
  up(db) {
    db.exec(`
      -- Batch PDF exports for auditors. A table of their own rather than the analysis job queue:
      -- the analysis runner claims any queued job, and exports must run without the engine.
      CREATE TABLE export_jobs (
        id TEXT PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN ('queued','running','succeeded','failed','cancelled')),
        format TEXT NOT NULL CHECK (format IN ('zip','folder')),
        filters TEXT NOT NULL CHECK (json_valid(filters)),
        case_count INTEGER,
        done_count INTEGER NOT NULL DEFAULT 0,
        progress REAL NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
        step TEXT,
        output_name TEXT,
        output_sha256 TEXT,
        byte_size INTEGER,
        error_code TEXT,
        error_message TEXT,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES operators(id),
        started_at TEXT,
        finished_at TEXT
      ) STRICT;
      CREATE INDEX export_jobs_status_created ON export_jobs(status, created_at);
      CREATE INDEX export_jobs_created ON export_jobs(created_at);
    `);
  },
};
