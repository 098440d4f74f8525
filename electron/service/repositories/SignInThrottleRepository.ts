import type { Db } from '../db/openDatabase';
import { statementCache, type Prepare } from '../db/statementCache';

export type ThrottleScope = 'account' | 'client';

export interface ThrottleState {
  scope: ThrottleScope;
  key: string;
  failures: number;
  lastFailureAt: string;
  lockedUntil: string | null;
}

interface Row {
  scope: ThrottleScope;
  key: string;
  failures: number;
  last_failure_at: string;
  locked_until: string | null;
}

const toState = (r: Row): ThrottleState => ({ scope: r.scope, key: r.key, failures: r.failures, lastFailureAt: r.last_failure_at, lockedUntil: r.locked_until });

/** Failed sign-ins per account and per client (migration 0025). */
export class SignInThrottleRepository {
  private readonly sql: Prepare;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  get(scope: ThrottleScope, key: string): ThrottleState | undefined {
    const r = this.sql('SELECT * FROM sign_in_failures WHERE scope = ? AND key = ?').get(scope, key) as Row | undefined;
    return r && toState(r);
  }

  save(s: ThrottleState): void {
    this.sql(
      `INSERT INTO sign_in_failures (scope, key, failures, last_failure_at, locked_until) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (scope, key) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at, locked_until = excluded.locked_until`,
    ).run(s.scope, s.key, s.failures, s.lastFailureAt, s.lockedUntil);
  }

  clear(scope: ThrottleScope, key: string): boolean {
    return this.sql('DELETE FROM sign_in_failures WHERE scope = ? AND key = ?').run(scope, key).changes > 0;
  }

  /** Lock-outs still running at `now`. */
  locked(now: string): ThrottleState[] {
    return (this.sql('SELECT * FROM sign_in_failures WHERE locked_until > ? ORDER BY locked_until DESC').all(now) as Row[]).map(toState);
  }

  /** Forgets failures older than `before` that hold no running lock-out. */
  prune(before: string, now: string): void {
    this.sql('DELETE FROM sign_in_failures WHERE last_failure_at < ? AND (locked_until IS NULL OR locked_until <= ?)').run(before, now);
  }
}
