import type { Db } from '../db/openDatabase';
import { statementCache, type Prepare } from '../db/statementCache';
import type { AuditEvent, AuditFacets } from '../../../shared/schemas/audit';

export interface AuditRow {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string;
  type: string;
  case_id: string | null;
  profile_id: string | null;
  payload_hash: string;
  prev_hash: string;
  hash: string;
  body: string | null;
}

export function toAuditEvent(r: AuditRow): AuditEvent {
  return {
    seq: r.seq,
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    type: r.type,
    caseId: r.case_id,
    profileId: r.profile_id,
    payload: r.body === null ? null : (JSON.parse(r.body) as Record<string, unknown>),
    payloadHash: r.payload_hash,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export interface AuditFilter {
  /** A whole case id or its first characters, as the viewer shows them. */
  caseId?: string | undefined;
  actorId?: string | undefined;
  systemActor?: boolean | undefined;
  type?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  beforeSeq?: number | undefined;
  limit: number;
}

const SELECT = `SELECT e.*, p.body FROM audit_events e LEFT JOIN audit_payloads p ON p.seq = e.seq`;

export class AuditRepository {
  private readonly sql: Prepare;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  lastLink(): { seq: number; hash: string } | undefined {
    return this.sql('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1').get() as
      | { seq: number; hash: string }
      | undefined;
  }

  insert(row: Omit<AuditRow, 'body'>, body: string): void {
    this.sql(
        `INSERT INTO audit_events (seq, at, actor_id, actor_name, type, case_id, profile_id, payload_hash, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(row.seq, row.at, row.actor_id, row.actor_name, row.type, row.case_id, row.profile_id, row.payload_hash, row.prev_hash, row.hash);
    this.sql('INSERT INTO audit_payloads (seq, body) VALUES (?, ?)').run(row.seq, body);
  }

  /** Newest first. */
  list(f: AuditFilter): AuditEvent[] {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      where.push(sql);
      params.push(v);
    };
    if (f.caseId) {
      // A prefix as a range, so the (case_id, seq) index is used; ids are lowercase uuids.
      const prefix = f.caseId.toLowerCase();
      add('e.case_id >= ?', prefix);
      add('e.case_id < ?', `${prefix}\uffff`);
    }
    if (f.actorId) add('e.actor_id = ?', f.actorId);
    if (f.systemActor) where.push('e.actor_id IS NULL');
    if (f.type) add('e.type = ?', f.type);
    if (f.from) add('e.at >= ?', f.from);
    if (f.to) add('e.at <= ?', f.to);
    if (f.beforeSeq !== undefined) add('e.seq < ?', f.beforeSeq);
    const sql = `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY e.seq DESC LIMIT ?`;
    return (this.sql(sql).all(...params, f.limit) as AuditRow[]).map(toAuditEvent);
  }

  /** Oldest first, for a timeline. */
  /** A case's rows as stored (hash inputs and payload), for re-hashing them. */
  rowsForCase(caseId: string): AuditRow[] {
    return this.sql(`${SELECT} WHERE e.case_id = ? ORDER BY e.seq`).all(caseId) as AuditRow[];
  }

  forCase(caseId: string): AuditEvent[] {
    return (this.sql(`${SELECT} WHERE e.case_id = ? ORDER BY e.seq`).all(caseId) as AuditRow[]).map(toAuditEvent);
  }

  /** The actors and event types present, most frequent first, for the viewer's filters. */
  facets(): AuditFacets {
    const total = (this.sql('SELECT count(*) AS n FROM audit_events').get() as { n: number }).n;
    const actors = this.sql(
      'SELECT actor_id AS id, max(actor_name) AS name, count(*) AS count FROM audit_events GROUP BY actor_id ORDER BY count DESC, name',
    ).all() as AuditFacets['actors'];
    const types = this.sql('SELECT type, count(*) AS count FROM audit_events GROUP BY type ORDER BY type').all() as AuditFacets['types'];
    return { total, actors, types };
  }

  /** Events about a case or its profile whose payload is still held: what a purge must remove. */
  payloadSeqsFor(caseId: string, profileId: string): number[] {
    return (
      this.sql(
        `SELECT e.seq FROM audit_events e JOIN audit_payloads p ON p.seq = e.seq
         WHERE e.case_id = ? OR e.profile_id = ? ORDER BY e.seq`,
      ).all(caseId, profileId) as { seq: number }[]
    ).map((r) => r.seq);
  }

  /** Removes payloads (personal data) under retention. The chained rows, with their payload hashes, stay. */
  purgePayloads(seqs: readonly number[]): number {
    const del = this.sql('DELETE FROM audit_payloads WHERE seq = ?');
    let n = 0;
    for (const seq of seqs) n += del.run(seq).changes;
    return n;
  }

  /** Every row in chain order, streamed so verifying a large log does not load it at once. */
  iterateAll(): IterableIterator<AuditRow> {
    return this.sql(`${SELECT} ORDER BY e.seq`).iterate() as IterableIterator<AuditRow>;
  }

  /** Rows from `seq` on, in chain order (verification from a checkpoint). */
  iterateFrom(seq: number): IterableIterator<AuditRow> {
    return this.sql(`${SELECT} WHERE e.seq >= ? ORDER BY e.seq`).iterate(seq) as IterableIterator<AuditRow>;
  }

  /** The newest events of a type, newest first (audit_type index). */
  latestOfType(type: string, limit: number): AuditRow[] {
    return this.sql(`${SELECT} WHERE e.type = ? ORDER BY e.seq DESC LIMIT ?`).all(type, limit) as AuditRow[];
  }

  /** Every event of a type, oldest first (audit_type index). */
  iterateType(type: string): IterableIterator<AuditRow> {
    return this.sql(`${SELECT} WHERE e.type = ? ORDER BY e.seq`).iterate(type) as IterableIterator<AuditRow>;
  }

  hashAt(seq: number): string | null {
    return (this.sql('SELECT hash FROM audit_events WHERE seq = ?').get(seq) as { hash: string } | undefined)?.hash ?? null;
  }
}
