import type { Migration } from './Migration';

export const migration0007: Migration = {
  version: 7,
  name: 'analysis_results',
  up(db) {
    db.exec(`
      -- Every engine run for a case, with the policy version that produced it. The newest is
      -- what the officer sees; older ones stay for the audit trail.
      CREATE TABLE analysis_results (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id),
        job_id TEXT REFERENCES jobs(id),
        policy_version INTEGER NOT NULL REFERENCES policies(version),
        recommendation TEXT NOT NULL CHECK (recommendation IN ('AUTO_APPROVE','MANUAL_REVIEW','DECLINE')),
        result TEXT NOT NULL CHECK (json_valid(result)),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX analysis_results_case ON analysis_results(case_id, created_at);
      ALTER TABLE cases ADD COLUMN recommendation TEXT CHECK (recommendation IN ('AUTO_APPROVE','MANUAL_REVIEW','DECLINE'));
    `);
  },
};
