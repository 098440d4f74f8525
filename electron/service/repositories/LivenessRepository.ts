import type { Db } from '../db/openDatabase';
import { statementCache, type Prepare } from '../db/statementCache';
import type { LivenessSession } from '../../../shared/schemas/liveness';

interface Row {
  id: string;
  case_id: string;
  actions: string;
  status: 'PENDING' | 'PASSED' | 'FAILED';
  result: string | null;
  created_at: string;
  expires_at: string;
  completed_at: string | null;
}

export class LivenessRepository {
  private readonly sql: Prepare;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  insert(s: { id: string; caseId: string; actions: string[]; now: string; expiresAt: string; createdBy: string }): void {
    this.sql("INSERT INTO liveness_sessions (id, case_id, actions, status, created_at, expires_at, created_by) VALUES (?, ?, ?, 'PENDING', ?, ?, ?)").run(
      s.id,
      s.caseId,
      JSON.stringify(s.actions),
      s.now,
      s.expiresAt,
      s.createdBy,
    );
  }

  /** With EXPIRED derived from `now` for a pending session past its expiry. */
  byId(id: string, now: Date): LivenessSession | undefined {
    const r = this.sql('SELECT * FROM liveness_sessions WHERE id = ?').get(id) as Row | undefined;
    return r ? toSession(r, now) : undefined;
  }

  /** A case's sessions, newest first (uses the (case_id, created_at) index). */
  byCase(caseId: string, now: Date): LivenessSession[] {
    const rows = this.sql('SELECT * FROM liveness_sessions WHERE case_id = ? ORDER BY created_at DESC, id DESC').all(caseId) as Row[];
    return rows.map((r) => toSession(r, now));
  }

  complete(id: string, status: 'PASSED' | 'FAILED', result: LivenessSession['result'], now: string): boolean {
    return this.sql("UPDATE liveness_sessions SET status = ?, result = ?, completed_at = ? WHERE id = ? AND status = 'PENDING'").run(status, JSON.stringify(result), now, id).changes === 1;
  }
}

/** With EXPIRED derived from `now` for a pending session past its expiry. */
function toSession(r: Row, now: Date): LivenessSession {
  const expired = r.status === 'PENDING' && Date.parse(r.expires_at) <= now.getTime();
  return {
    id: r.id,
    caseId: r.case_id,
    actions: JSON.parse(r.actions) as LivenessSession['actions'],
    status: expired ? 'EXPIRED' : r.status,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    completedAt: r.completed_at,
    result: r.result ? (JSON.parse(r.result) as LivenessSession['result']) : null,
  };
}
