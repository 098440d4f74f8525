import type { Migration } from './Migration';

export const migration0024: Migration = {
  version: 24,
  name: 'job_lanes',
  up(db) {
    db.exec(`
      -- Interactive work first: a job for someone waiting at the desk (an upload, a submission)
      -- runs before background work (the demo's seeding, cases imported from remote systems).
      ALTER TABLE jobs ADD COLUMN lane TEXT NOT NULL DEFAULT 'interactive' CHECK (lane IN ('interactive','background'));
      CREATE INDEX jobs_queued_lane ON jobs(status, lane, created_at);
    `);
  },
};
