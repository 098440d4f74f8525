import type { Migration } from './Migration';

/**
 * When a row's current run of failures began: a remote that is down is retried for
 * RETRY_WINDOW_MS from then (sync/backoff.ts), not from when the row was queued, so a row queued
 * long before its remote failed (a connector switched on later, a backlog) is not given up at
 * once. Cleared on delivery and by an admin's retry. Rows failing now start their window at their
 * next failure.
 */
export const migration0038: Migration = {
  version: 38,
  name: 'outbox_failing_since',
  up(db) {
    db.exec('ALTER TABLE sync_outbox ADD COLUMN failing_since TEXT');
  },
};
