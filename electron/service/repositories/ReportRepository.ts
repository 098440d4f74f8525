import type { Db } from '../db/openDatabase';
import { statementCache, type Prepare } from '../db/statementCache';
import type { ExportFilters } from '../../../shared/schemas/report';

const DATE_COLUMNS = { created: 'c.created_at', submitted: 'c.submitted_at', closed: 'c.closed_at' } as const;

/** The action of the decision that took effect last: a final one, or a proposal a second reviewer confirmed. */
const LATEST_ACTION = `(SELECT d.action FROM decisions d WHERE d.case_id = c.id AND d.state IN ('final','confirmed') ORDER BY d.at DESC, d.rowid DESC LIMIT 1)`;

function nextDay(isoDate: string): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Read-only queries the audit reports need beyond what the case repositories answer. */
export class ReportRepository {
  private readonly sql: Prepare;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  /**
   * Case ids the batch filters select, oldest first. Returns at most `limit` ids, so the
   * caller can tell "too many" by asking for one more than it accepts.
   */
  selectCaseIds(f: ExportFilters, limit: number): string[] {
    const column = DATE_COLUMNS[f.dateField];
    const where = [`${column} >= ?`, `${column} < ?`];
    const params: unknown[] = [f.from, nextDay(f.to)];
    const anyOf = (expr: string, values: readonly string[]) => {
      where.push(`${expr} IN (${values.map(() => '?').join(',')})`);
      params.push(...values);
    };
    if (f.statuses.length) anyOf('c.status', f.statuses);
    if (f.countries.length) anyOf('p.country_code', f.countries);
    if (f.profileType) {
      where.push('p.type = ?');
      params.push(f.profileType);
    }
    if (f.decisions.length) {
      const actions = f.decisions.filter((d) => d !== 'none');
      const parts: string[] = [];
      if (actions.length) {
        parts.push(`${LATEST_ACTION} IN (${actions.map(() => '?').join(',')})`);
        params.push(...actions);
      }
      if (f.decisions.includes('none')) parts.push(`${LATEST_ACTION} IS NULL`);
      where.push(`(${parts.join(' OR ')})`);
    }
    // Built from fixed fragments and placeholders only; never cached, filters vary per export.
    const stmt = this.db.prepare(`SELECT c.id FROM cases c JOIN profiles p ON p.id = c.profile_id WHERE ${where.join(' AND ')} ORDER BY ${column}, c.id LIMIT ?`);
    return (stmt.all(...params, limit) as { id: string }[]).map((r) => r.id);
  }

  /** The case's liveness sessions, oldest first. */
  livenessSessionIds(caseId: string): string[] {
    return (this.sql('SELECT id FROM liveness_sessions WHERE case_id = ? ORDER BY created_at, rowid').all(caseId) as { id: string }[]).map((r) => r.id);
  }

  /** When the case closed (approved, rejected or expired), or null while it is open. */
  closedAt(caseId: string): string | null {
    return (this.sql('SELECT closed_at FROM cases WHERE id = ?').get(caseId) as { closed_at: string | null } | undefined)?.closed_at ?? null;
  }
}
