import type { Migration } from './Migration';

export const migration0018: Migration = {
  version: 18,
  name: 'queue_status_assignee_index',
  up(db) {
    db.exec(`
      -- A status tab combined with an assignee filter ("In review" + "unassigned") used the
      -- status index and checked every case of that status for its assignee, for the page and
      -- again for the count: 25-30 ms on a 100,000-case store. With both columns in one index
      -- the page and the count read only the matching entries (0.1-1 ms).
      CREATE INDEX cases_status_assignee ON cases(status, assignee_id, submitted_at, id);
      -- cases_assignee_submitted (0017) starts with assignee_id, so this one is redundant.
      DROP INDEX cases_assignee;
    `);
  },
};
