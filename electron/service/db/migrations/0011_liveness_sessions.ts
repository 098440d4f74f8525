import type { Migration } from './Migration';

export const migration0011: Migration = {
  version: 11,
  name: 'liveness_sessions',
  up(db) {
    db.exec(`
      -- kycService liveness: three random actions, a short expiry, one clip per action.
      CREATE TABLE liveness_sessions (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id),
        actions TEXT NOT NULL CHECK (json_valid(actions)),
        status TEXT NOT NULL CHECK (status IN ('PENDING','PASSED','FAILED')),
        result TEXT CHECK (result IS NULL OR json_valid(result)),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        completed_at TEXT,
        created_by TEXT NOT NULL REFERENCES operators(id)
      ) STRICT;
      CREATE INDEX liveness_sessions_case ON liveness_sessions(case_id, created_at);
    `);
  },
};
