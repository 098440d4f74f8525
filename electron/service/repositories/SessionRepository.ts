import type { Db } from '../db/openDatabase';
import { statementCache, type Prepare } from '../db/statementCache';

export interface SessionRow {
  token_hash: string;
  operator_id: string;
  created_at: string;
  last_seen_at: string;
  idle_expires_at: string;
  revoked_at: string | null;
}

export class SessionRepository {
  private readonly sql: Prepare;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  insert(s: { tokenHash: string; operatorId: string; now: string; idleExpiresAt: string }): void {
    this.sql(
        `INSERT INTO sessions (token_hash, operator_id, created_at, last_seen_at, idle_expires_at)
         VALUES (?, ?, ?, ?, ?)`,
      )
      .run(s.tokenHash, s.operatorId, s.now, s.now, s.idleExpiresAt);
  }

  byTokenHash(tokenHash: string): SessionRow | undefined {
    return this.sql('SELECT * FROM sessions WHERE token_hash = ?').get(tokenHash) as SessionRow | undefined;
  }

  touch(tokenHash: string, now: string, idleExpiresAt: string): void {
    this.sql('UPDATE sessions SET last_seen_at = ?, idle_expires_at = ? WHERE token_hash = ?').run(now, idleExpiresAt, tokenHash);
  }

  revoke(tokenHash: string, now: string): void {
    this.sql('UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL').run(now, tokenHash);
  }

  revokeAllFor(operatorId: string, now: string): void {
    this.sql('UPDATE sessions SET revoked_at = ? WHERE operator_id = ? AND revoked_at IS NULL').run(now, operatorId);
  }

  /** Every session of the operator but one (the one that asked, after a password change). */
  revokeOthersOf(operatorId: string, keepTokenHash: string, now: string): void {
    this.sql('UPDATE sessions SET revoked_at = ? WHERE operator_id = ? AND token_hash <> ? AND revoked_at IS NULL').run(now, operatorId, keepTokenHash);
  }
}
