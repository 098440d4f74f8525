import type { Db } from './openDatabase';
import { LATEST_VERSION, MIGRATIONS } from './migrations/index';

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the schema up to `target` (default: latest). Each migration runs in its own
 * transaction together with the version bump, so a failure leaves the last good version.
 */
export function migrate(db: Db, target: number = LATEST_VERSION): number {
  const current = schemaVersion(db);
  if (current > LATEST_VERSION) {
    throw new Error(`database schema v${current} is newer than this app (v${LATEST_VERSION}); update the app`);
  }
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return schemaVersion(db);
}
