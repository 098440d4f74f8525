import { createHash } from 'node:crypto';
import type { Db } from '../../electron/service/db/openDatabase';

/**
 * A digest of every row of every table, to prove a failed call wrote nothing. The sessions
 * table is left out: every authenticated call moves its own session's idle expiry forward.
 */
export function snapshotStore(db: Db): Record<string, string> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'sessions' ORDER BY name")
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => {
      const rows = db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all();
      return [name, `${rows.length}:${createHash('sha256').update(JSON.stringify(rows)).digest('hex')}`];
    }),
  );
}
