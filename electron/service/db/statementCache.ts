import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Db } from './openDatabase';

export type Prepare = (sql: string) => Statement;

/**
 * Prepares each distinct SQL text once per connection. Re-preparing on every call cost more
 * than running the statement on the hot paths (audit appends, queue pages).
 */
export function statementCache(db: Db): Prepare {
  const cache = new Map<string, Statement>();
  return (sql) => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      cache.set(sql, stmt);
    }
    return stmt;
  };
}
