import type { Db } from '../db/openDatabase';
import { statementCache, type Prepare } from '../db/statementCache';
import type { CaseStatus } from '../../../shared/caseStatus';
import type { ErasureRequest, LegalHold, PurgeCounts, Tombstone } from '../../../shared/schemas/retention';

/** The facts about a case that retention decisions need, and nothing personal. */
export interface RetentionCase {
  id: string;
  profileId: string;
  profileType: 'PERSON' | 'COMPANY';
  status: CaseStatus;
  submittedAt: string | null;
  closedAt: string | null;
  evidenceFiles: number;
}

interface RetentionCaseRow {
  id: string;
  profile_id: string;
  profile_type: 'PERSON' | 'COMPANY';
  status: CaseStatus;
  submitted_at: string | null;
  closed_at: string | null;
  evidence_files: number;
}

const CASE_SELECT = `SELECT c.id, c.profile_id, p.type AS profile_type, c.status, c.submitted_at, c.closed_at,
  (SELECT count(*) FROM evidence e WHERE e.case_id = c.id) AS evidence_files
  FROM cases c JOIN profiles p ON p.id = c.profile_id`;

const toCase = (r: RetentionCaseRow): RetentionCase => ({
  id: r.id,
  profileId: r.profile_id,
  profileType: r.profile_type,
  status: r.status,
  submittedAt: r.submitted_at,
  closedAt: r.closed_at,
  evidenceFiles: r.evidence_files,
});

interface HoldRow {
  case_id: string;
  reason: string;
  set_by: string;
  set_by_name: string;
  set_at: string;
}

const toHold = (r: HoldRow): LegalHold => ({ caseId: r.case_id, reason: r.reason, setBy: r.set_by, setByName: r.set_by_name, setAt: r.set_at });
const HOLD_SELECT = 'SELECT h.case_id, h.reason, h.set_by, o.display_name AS set_by_name, h.set_at FROM legal_holds h JOIN operators o ON o.id = h.set_by';

interface ErasureRow {
  id: string;
  case_id: string;
  reason: string;
  received_at: string;
  recorded_by: string;
  recorded_at: string;
  status: ErasureRequest['status'];
  decided_by: string | null;
  decided_at: string | null;
  refusal_code: string | null;
  refusal_message: string | null;
}

const toErasure = (r: ErasureRow): ErasureRequest => ({
  id: r.id,
  caseId: r.case_id,
  reason: r.reason,
  receivedAt: r.received_at,
  recordedBy: r.recorded_by,
  recordedAt: r.recorded_at,
  status: r.status,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  refusal: r.refusal_code === null ? null : { code: r.refusal_code, message: r.refusal_message ?? '' },
});

interface TombstoneRow {
  case_id: string;
  profile_id: string;
  basis: Tombstone['basis'];
  erasure_request_id: string | null;
  closed_at: string | null;
  purged_at: string;
  purged_by: string | null;
  counts: string;
  removed_digest: string;
  audit_seq: number;
}

const toTombstone = (r: TombstoneRow): Tombstone => ({
  caseId: r.case_id,
  profileId: r.profile_id,
  basis: r.basis,
  erasureRequestId: r.erasure_request_id,
  closedAt: r.closed_at,
  purgedAt: r.purged_at,
  purgedBy: r.purged_by,
  counts: JSON.parse(r.counts) as PurgeCounts,
  removedDigest: r.removed_digest,
  auditSeq: r.audit_seq,
});

/** Legal holds, erasure requests, purge tombstones, and the cases retention looks at. */
export class RetentionRepository {
  private readonly sql: Prepare;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  caseById(id: string): RetentionCase | undefined {
    const r = this.sql(`${CASE_SELECT} WHERE c.id = ?`).get(id) as RetentionCaseRow | undefined;
    return r && toCase(r);
  }

  /** Closed cases that closed at or before `cutoff`, oldest first. */
  closedBefore(cutoff: string, limit: number): RetentionCase[] {
    return (this.sql(`${CASE_SELECT} WHERE c.closed_at IS NOT NULL AND c.closed_at <= ? ORDER BY c.closed_at, c.id LIMIT ?`).all(cutoff, limit) as RetentionCaseRow[]).map(toCase);
  }

  /** Companies still on file that name this person as an owner. */
  companiesOwnedBy(personProfileId: string): string[] {
    return (this.sql('SELECT company_id FROM company_owners WHERE person_id = ? ORDER BY company_id').all(personProfileId) as { company_id: string }[]).map((r) => r.company_id);
  }

  /**
   * Jobs of the case a worker is running now: a purge must not pull rows from under them.
   * Queued ones are deleted with the case and so never start.
   */
  runningJobs(caseId: string): number {
    return (this.sql("SELECT count(*) AS n FROM jobs WHERE case_id = ? AND status = 'running'").get(caseId) as { n: number }).n;
  }

  hold(caseId: string): LegalHold | undefined {
    const r = this.sql(`${HOLD_SELECT} WHERE h.case_id = ?`).get(caseId) as HoldRow | undefined;
    return r && toHold(r);
  }

  holds(): LegalHold[] {
    return (this.sql(`${HOLD_SELECT} ORDER BY h.set_at DESC, h.case_id`).all() as HoldRow[]).map(toHold);
  }

  insertHold(h: { caseId: string; reason: string; setBy: string; setAt: string }): void {
    this.sql('INSERT INTO legal_holds (case_id, reason, set_by, set_at) VALUES (?, ?, ?, ?)').run(h.caseId, h.reason, h.setBy, h.setAt);
  }

  deleteHold(caseId: string): boolean {
    return this.sql('DELETE FROM legal_holds WHERE case_id = ?').run(caseId).changes === 1;
  }

  insertErasure(e: Pick<ErasureRequest, 'id' | 'caseId' | 'reason' | 'receivedAt' | 'recordedBy' | 'recordedAt'>): void {
    this.sql(
      `INSERT INTO erasure_requests (id, case_id, reason, received_at, recorded_by, recorded_at, status) VALUES (?, ?, ?, ?, ?, ?, 'PENDING')`,
    ).run(e.id, e.caseId, e.reason, e.receivedAt, e.recordedBy, e.recordedAt);
  }

  erasure(id: string): ErasureRequest | undefined {
    const r = this.sql('SELECT * FROM erasure_requests WHERE id = ?').get(id) as ErasureRow | undefined;
    return r && toErasure(r);
  }

  erasures(): ErasureRequest[] {
    return (this.sql('SELECT * FROM erasure_requests ORDER BY recorded_at DESC, id').all() as ErasureRow[]).map(toErasure);
  }

  decideErasure(id: string, d: { status: 'EXECUTED' | 'REFUSED'; by: string; at: string; refusal: { code: string; message: string } | null }): void {
    this.sql('UPDATE erasure_requests SET status = ?, decided_by = ?, decided_at = ?, refusal_code = ?, refusal_message = ? WHERE id = ?').run(
      d.status,
      d.by,
      d.at,
      d.refusal?.code ?? null,
      d.refusal?.message ?? null,
      id,
    );
  }

  insertTombstone(t: Tombstone): void {
    this.sql(
      `INSERT INTO purge_tombstones (case_id, profile_id, basis, erasure_request_id, closed_at, purged_at, purged_by, counts, removed_digest, audit_seq)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(t.caseId, t.profileId, t.basis, t.erasureRequestId, t.closedAt, t.purgedAt, t.purgedBy, JSON.stringify(t.counts), t.removedDigest, t.auditSeq);
  }

  tombstone(caseId: string): Tombstone | undefined {
    const r = this.sql('SELECT * FROM purge_tombstones WHERE case_id = ?').get(caseId) as TombstoneRow | undefined;
    return r && toTombstone(r);
  }

  tombstones(limit: number): Tombstone[] {
    return (this.sql('SELECT * FROM purge_tombstones ORDER BY purged_at DESC, case_id LIMIT ?').all(limit) as TombstoneRow[]).map(toTombstone);
  }
}
