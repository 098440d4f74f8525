import type { Db } from '../db/openDatabase';
import { statementCache, type Prepare } from '../db/statementCache';
import type { CaseStatus } from '../../../shared/caseStatus';

export interface StaleApplication {
  caseId: string;
  /** The later of the case's last change and its onboarding application's last change. */
  lastActivityAt: string;
}

/**
 * An application's last activity is the later of its case's updated_at (every status change,
 * evidence and edit touches it) and its onboarding row's updated_at (consent, agreements,
 * drafts and documents touch that one without touching the case).
 */
const LAST_ACTIVITY = 'max(c.updated_at, COALESCE(a.updated_at, c.updated_at))';
const FROM = 'FROM cases c LEFT JOIN intake_applications a ON a.profile_id = c.profile_id';

export class ApplicationExpiryRepository {
  private readonly sql: Prepare;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  /** Up to `limit` cases in `statuses` with no activity since `cutoff` (ISO), the longest idle first. */
  staleSince(statuses: readonly CaseStatus[], cutoff: string, limit: number): StaleApplication[] {
    const marks = statuses.map(() => '?').join(',');
    return this.sql(
      `SELECT c.id AS caseId, ${LAST_ACTIVITY} AS lastActivityAt ${FROM}
       WHERE c.status IN (${marks}) AND ${LAST_ACTIVITY} < ?
       ORDER BY lastActivityAt, c.id LIMIT ?`,
    ).all(...statuses, cutoff, limit) as StaleApplication[];
  }

  /** One case's last activity, read again inside the transaction that would expire it. */
  lastActivityAt(caseId: string): string | undefined {
    const r = this.sql(`SELECT ${LAST_ACTIVITY} AS lastActivityAt ${FROM} WHERE c.id = ?`).get(caseId) as { lastActivityAt: string } | undefined;
    return r?.lastActivityAt;
  }
}
