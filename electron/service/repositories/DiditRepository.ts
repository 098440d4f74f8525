import type { Db } from '../db/openDatabase';
import { statementCache, type Prepare } from '../db/statementCache';
import { diditResultSchema, type DiditResult } from '../../../shared/schemas/didit';

/** A case linked to a Didit session, as the poller needs it. */
export interface DiditPollTarget {
  caseId: string;
  sessionId: string;
  status: string | null;
}

/**
 * The Didit connector's own SQL: imported results (migration 0023), the sessions still worth
 * polling, the workflow the policy was pushed as, and the inbox payloads it slims once applied.
 * The generic outbox, inbox and links stay in SyncRepository.
 */
export class DiditRepository {
  private readonly sql: Prepare;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  /** Keeps the newer result: one at least as new as the stored one (by remote time) replaces it. */
  saveResult(r: { caseId: string; result: DiditResult; now: string }): boolean {
    return (
      this.sql(
        `INSERT INTO didit_results (case_id, session_id, status, remote_at, result, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (case_id) DO UPDATE SET session_id = excluded.session_id, status = excluded.status, remote_at = excluded.remote_at,
           result = excluded.result, updated_at = excluded.updated_at
         WHERE excluded.remote_at >= didit_results.remote_at OR excluded.session_id != didit_results.session_id`,
      ).run(r.caseId, r.result.sessionId, r.result.status, r.result.remoteAt, JSON.stringify(r.result), r.now).changes === 1
    );
  }

  result(caseId: string): DiditResult | undefined {
    const row = this.sql('SELECT result FROM didit_results WHERE case_id = ?').get(caseId) as { result: string } | undefined;
    return row && diditResultSchema.parse(JSON.parse(row.result));
  }

  /** Linked sessions whose status is not one polling stops at, least recently updated first. */
  pollTargets(stopAt: readonly string[], limit: number): DiditPollTarget[] {
    const marks = stopAt.map(() => '?').join(',');
    return this.sql(
      `SELECT local_id AS caseId, remote_id AS sessionId, remote_status AS status FROM sync_links
       WHERE connector = 'didit' AND local_kind = 'case' AND (remote_status IS NULL OR remote_status NOT IN (${marks}))
       ORDER BY updated_at LIMIT ?`,
    ).all(...stopAt, limit) as DiditPollTarget[];
  }

  /**
   * Records the workflow a policy version was pushed as, unless a newer version's is already
   * recorded (pushes of two versions may be delivered out of order after retries).
   */
  setWorkflow(workflowId: string, policyVersion: number, now: string): boolean {
    return (
      this.sql(
        `UPDATE sync_connectors SET config = json_set(config, '$.workflowId', ?, '$.workflowPolicyVersion', ?), updated_at = ?
         WHERE id = 'didit' AND COALESCE(json_extract(config, '$.workflowPolicyVersion'), 0) <= ?`,
      ).run(workflowId, policyVersion, now, policyVersion).changes === 1
    );
  }

  /**
   * Replaces an applied event's payload with what identifies it: the personal data it carried
   * now lives in didit_results, which the retention purge reaches; the inbox has no case column.
   */
  slimInboxPayload(inboxId: string, payload: Record<string, unknown>): void {
    this.sql('UPDATE sync_inbox SET payload = ? WHERE id = ?').run(JSON.stringify(payload), inboxId);
  }
}
