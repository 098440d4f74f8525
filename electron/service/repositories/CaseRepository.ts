import type { Db } from '../db/openDatabase';
import { statementCache, type Prepare } from '../db/statementCache';
import type { CaseStatus } from '../../../shared/caseStatus';
import type { KycLevel } from '../../../shared/kycLevels';
import type { CaseSummary, QueueCountsQuery, QueuePage, StatusCounts } from '../../../shared/schemas/case';
import type { queueQuerySchema } from '../../../shared/schemas/case';
import type { z } from 'zod';

type ParsedQueueQuery = z.output<typeof queueQuerySchema>;

interface CaseRow {
  id: string;
  profile_id: string;
  profile_type: 'PERSON' | 'COMPANY';
  display_name: string;
  country_code: string;
  document_type: string;
  status: CaseStatus;
  kyc_level: KycLevel;
  assignee_id: string | null;
  assignee_name: string | null;
  submitted_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  user_modified: number;
  recommendation: CaseSummary['recommendation'];
  risk: CaseSummary['risk'];
  has_warnings: number;
  document_no: number;
  screening_alert: number;
  owner_alert: number;
}

/**
 * An approved company with an owner whose own case is not approved (or who has none): the summary's
 * `ownerAlert` and the queue's filter read this one expression.
 */
const OWNER_ALERT_SQL = `(c.status = 'APPROVED' AND EXISTS (
  SELECT 1 FROM company_owners co LEFT JOIN cases oc ON oc.profile_id = co.person_id
  WHERE co.company_id = c.profile_id AND (oc.status IS NULL OR oc.status != 'APPROVED')))`;

const SUMMARY_SELECT = `
  SELECT c.id, c.profile_id, p.type AS profile_type, p.display_name, p.country_code, p.document_type,
         c.status, c.kyc_level, c.assignee_id, o.display_name AS assignee_name, c.submitted_at,
         c.created_at, c.updated_at, c.version, c.user_modified, c.recommendation,
         c.risk, c.has_warnings, c.document_no,
         EXISTS (SELECT 1 FROM screening_hits h WHERE h.case_id = c.id AND h.disposition IS NULL) AS screening_alert,
         ${OWNER_ALERT_SQL} AS owner_alert
  FROM cases c
  JOIN profiles p ON p.id = c.profile_id
  LEFT JOIN operators o ON o.id = c.assignee_id`;

function toSummary(r: CaseRow, slaHours: number): CaseSummary {
  return {
    id: r.id,
    documentId: r.document_no,
    profileId: r.profile_id,
    profileType: r.profile_type,
    displayName: r.display_name,
    countryCode: r.country_code,
    documentType: r.document_type,
    status: r.status,
    kycLevel: r.kyc_level,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    submittedAt: r.submitted_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
    userModified: r.user_modified === 1,
    recommendation: r.recommendation,
    risk: r.risk,
    hasWarnings: r.has_warnings === 1,
    screeningAlert: r.screening_alert === 1,
    ownerAlert: r.owner_alert === 1,
    slaDueAt: r.submitted_at ? new Date(Date.parse(r.submitted_at) + slaHours * 3_600_000).toISOString() : null,
  };
}

// NULLS LAST: cases not yet submitted have no age and belong after the ones waiting.
const SORT_COLUMNS = {
  age: 'c.submitted_at',
  // One SLA for all cases: due-time order is submission order.
  sla: 'c.submitted_at',
  risk: "CASE c.risk WHEN 'HIGH' THEN 0 WHEN 'MEDIUM' THEN 1 WHEN 'LOW' THEN 2 END",
  updated: 'c.updated_at',
  name: 'p.display_name COLLATE NOCASE',
} as const;

export class CaseRepository {
  private readonly sql: Prepare;

  /** `slaHours` reads the current setting, so a change applies to every row at once. */
  constructor(
    db: Db,
    private readonly slaHours: () => number,
  ) {
    this.sql = statementCache(db);
  }

  insert(c: { id: string; profileId: string; status: CaseStatus; kycLevel: KycLevel; now: string }): void {
    this.sql(
        // The next kycService documentId; writers are serialised by SQLite, so MAX + 1 is unique.
        `INSERT INTO cases (id, profile_id, status, kyc_level, created_at, updated_at, document_no)
         VALUES (?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(document_no), 0) + 1 FROM cases))`,
      )
      .run(c.id, c.profileId, c.status, c.kycLevel, c.now, c.now);
  }

  byId(id: string): CaseSummary | undefined {
    const r = this.sql(`${SUMMARY_SELECT} WHERE c.id = ?`).get(id) as CaseRow | undefined;
    return r && toSummary(r, this.slaHours());
  }

  /** kycService's numeric documentId. */
  byDocumentId(documentId: number): CaseSummary | undefined {
    const r = this.sql(`${SUMMARY_SELECT} WHERE c.document_no = ?`).get(documentId) as CaseRow | undefined;
    return r && toSummary(r, this.slaHours());
  }

  byProfileId(profileId: string): CaseSummary | undefined {
    const r = this.sql(`${SUMMARY_SELECT} WHERE c.profile_id = ?`).get(profileId) as CaseRow | undefined;
    return r && toSummary(r, this.slaHours());
  }

  /** `actorId` resolves the 'me' assignee filters; `now` the SLA and age filters. */
  list(q: ParsedQueueQuery, actorId: string | null = null, now: Date = new Date()): QueuePage {
    const { from, whereSql, params } = this.filtered(q, actorId, now);
    const dir = q.order === 'desc' ? 'DESC' : 'ASC';
    // Page the ids first, straight off the index, then join the 50 rows shown: OFFSET then
    // skips index entries instead of joined rows.
    const ids = (
      this.sql(`SELECT c.id FROM ${from} ${whereSql} ORDER BY ${SORT_COLUMNS[q.sort]} ${dir} NULLS LAST, c.id ${dir} LIMIT ? OFFSET ?`).all(
        ...params,
        q.limit,
        q.offset,
      ) as { id: string }[]
    ).map((r) => r.id);
    const byId = new Map(
      ids.length
        ? (this.sql(`${SUMMARY_SELECT} WHERE c.id IN (${ids.map(() => '?').join(',')})`).all(...ids) as CaseRow[]).map((r) => [r.id, r])
        : [],
    );
    const rows = ids.map((id) => byId.get(id)).filter((r): r is CaseRow => r !== undefined);
    const total = (this.sql(`SELECT count(*) AS n FROM ${from} ${whereSql}`).get(...params) as { n: number }).n;
    const sla = this.slaHours();
    return { rows: rows.map((r) => toSummary(r, sla)), total };
  }

  /** Cases per status among those the other filters keep (all cases with none). */
  counts(q: QueueCountsQuery = {}, actorId: string | null = null, now: Date = new Date()): StatusCounts {
    const { from, whereSql, params } = this.filtered(q, actorId, now);
    const rows = this.sql(`SELECT c.status, count(*) AS n FROM ${from} ${whereSql} GROUP BY c.status`).all(...params) as { status: CaseStatus; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.status, r.n])) as StatusCounts;
  }

  /** The FROM and WHERE of a queue query's filters, for the list and the counts alike. */
  private filtered(q: QueueCountsQuery & Pick<ParsedQueueQuery, 'statuses'> & { sort?: ParsedQueueQuery['sort'] }, actorId: string | null, now: Date): { from: string; whereSql: string; params: unknown[] } {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.statuses?.length) {
      where.push(`c.status IN (${q.statuses.map(() => '?').join(',')})`);
      params.push(...q.statuses);
    }
    if (q.profileType) {
      where.push('p.type = ?');
      params.push(q.profileType);
    }
    if (q.search) {
      where.push('(p.display_name LIKE ? ESCAPE \'\\\' OR p.document_number = ? OR p.external_id = ?)');
      const like = `%${q.search.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      params.push(like, q.search.toUpperCase().replace(/\s+/g, ''), q.search);
    }
    const anyOf = (column: string, values: readonly string[] | undefined) => {
      if (!values?.length) return;
      where.push(`${column} IN (${values.map(() => '?').join(',')})`);
      params.push(...values);
    };
    anyOf('c.recommendation', q.recommendations);
    anyOf('c.risk', q.risks);
    anyOf('p.country_code', q.countries);
    anyOf('p.document_type', q.documentTypes);
    const add = (clause: string, ...values: unknown[]) => {
      where.push(clause);
      params.push(...values);
    };
    if (q.assignee === 'unassigned') add('c.assignee_id IS NULL');
    else if (q.assignee === 'me') add('c.assignee_id = ?', actorId);
    else if (q.assignee === 'me_or_unassigned') add('(c.assignee_id IS NULL OR c.assignee_id = ?)', actorId);
    else if (q.assignee) add('c.assignee_id = ?', q.assignee);
    if (q.overdue) {
      where.push('c.submitted_at < ?');
      params.push(new Date(now.getTime() - this.slaHours() * 3_600_000).toISOString());
    }
    if (q.minAgeHours !== undefined) {
      where.push('c.submitted_at <= ?');
      params.push(new Date(now.getTime() - q.minAgeHours * 3_600_000).toISOString());
    }
    if (q.hasWarnings !== undefined) where.push(`c.has_warnings = ${q.hasWarnings ? 1 : 0}`);
    if (q.screeningAlert !== undefined) where.push(`${q.screeningAlert ? '' : 'NOT '}EXISTS (SELECT 1 FROM screening_hits h WHERE h.case_id = c.id AND h.disposition IS NULL)`);
    if (q.ownerAlert !== undefined) where.push(`${q.ownerAlert ? '' : 'NOT '}${OWNER_ALERT_SQL}`);
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    // Only join profiles where a profile column is filtered or sorted on.
    const needsProfile = q.profileType || q.search || q.sort === 'name' || q.countries?.length || q.documentTypes?.length;
    const from = needsProfile ? 'cases c JOIN profiles p ON p.id = c.profile_id' : 'cases c';
    return { from, whereSql, params };
  }

  /**
   * Moves the case to `to` only if it is still at `expectedVersion`; returns false when
   * someone else changed it first.
   */
  transition(
    id: string,
    expectedVersion: number,
    change: { to: CaseStatus; now: string; submittedAt?: string; closedAt?: string | null; assigneeId?: string | null },
  ): boolean {
    const info = this.sql(
        `UPDATE cases SET status = ?, updated_at = ?, version = version + 1,
           submitted_at = COALESCE(?, submitted_at),
           closed_at = CASE WHEN ? THEN ? ELSE closed_at END,
           assignee_id = CASE WHEN ? THEN ? ELSE assignee_id END
         WHERE id = ? AND version = ?`,
      )
      .run(
        change.to,
        change.now,
        change.submittedAt ?? null,
        change.closedAt !== undefined ? 1 : 0,
        change.closedAt ?? null,
        change.assigneeId !== undefined ? 1 : 0,
        change.assigneeId ?? null,
        id,
        expectedVersion,
      );
    return info.changes === 1;
  }

  touch(id: string, now: string, opts: { userModified?: boolean } = {}): void {
    this.sql(
        `UPDATE cases SET updated_at = ?, version = version + 1,
           user_modified = CASE WHEN ? THEN 1 ELSE user_modified END WHERE id = ?`,
      )
      .run(now, opts.userModified ? 1 : 0, id);
  }

  /** Sets or clears the assignee if the case is still at `expectedVersion`. */
  assign(id: string, expectedVersion: number, assigneeId: string | null, now: string): boolean {
    return this.sql('UPDATE cases SET assignee_id = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?').run(assigneeId, now, id, expectedVersion).changes === 1;
  }

  /** The next case nobody holds, in SLA order: submitted ones first, then unheld reviews. */
  nextUnassigned(): CaseSummary | undefined {
    const r = this.sql(
      `${SUMMARY_SELECT} WHERE c.assignee_id IS NULL AND c.status IN ('SUBMITTED', 'IN_REVIEW')
       ORDER BY c.submitted_at NULLS LAST, c.id LIMIT 1`,
    ).get() as CaseRow | undefined;
    return r && toSummary(r, this.slaHours());
  }

  setKycLevel(id: string, level: KycLevel): void {
    this.sql('UPDATE cases SET kyc_level = ? WHERE id = ?').run(level, id);
  }
}
