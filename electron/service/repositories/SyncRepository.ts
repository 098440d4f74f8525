import type { Db } from '../db/openDatabase';
import { statementCache, type Prepare } from '../db/statementCache';
import type { ConnectorId, OutboxItem, OutboxStatus } from '../../../shared/schemas/sync';

interface OutboxRow {
  id: string;
  seq: number;
  connector: ConnectorId;
  kind: string;
  idempotency_key: string;
  case_id: string | null;
  payload: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  remote_id: string | null;
  created_at: string;
  updated_at: string;
  delivered_at: string | null;
  failing_since: string | null;
}

export interface OutboxRecord extends OutboxItem {
  payload: Record<string, unknown>;
  /** When the current run of failures began; null while the row has not failed since it was queued, delivered or retried. */
  failingSince: string | null;
}

const toItem = (r: OutboxRow): OutboxRecord => ({
  id: r.id,
  connector: r.connector,
  kind: r.kind,
  idempotencyKey: r.idempotency_key,
  caseId: r.case_id,
  payload: JSON.parse(r.payload) as Record<string, unknown>,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  remoteId: r.remote_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  deliveredAt: r.delivered_at,
  failingSince: r.failing_since,
});

export interface InboxRecord {
  id: string;
  connector: ConnectorId;
  eventId: string;
  kind: string;
  payload: Record<string, unknown>;
  status: 'pending' | 'applied' | 'ignored' | 'failed';
  error: string | null;
  receivedAt: string;
  appliedAt: string | null;
}

interface InboxRow {
  id: string;
  connector: ConnectorId;
  event_id: string;
  kind: string;
  payload: string;
  status: InboxRecord['status'];
  error: string | null;
  received_at: string;
  applied_at: string | null;
}

const toInbox = (r: InboxRow): InboxRecord => ({
  id: r.id,
  connector: r.connector,
  eventId: r.event_id,
  kind: r.kind,
  payload: JSON.parse(r.payload) as Record<string, unknown>,
  status: r.status,
  error: r.error,
  receivedAt: r.received_at,
  appliedAt: r.applied_at,
});

export interface ConnectorRow {
  id: ConnectorId;
  enabled: boolean;
  config: Record<string, unknown>;
  secret: Buffer | null;
  updatedAt: string;
}

export interface SyncLink {
  connector: ConnectorId;
  localKind: 'case' | 'profile';
  localId: string;
  remoteId: string;
  remoteStatus: string | null;
  remoteUpdatedAt: string | null;
  extra: Record<string, unknown>;
  updatedAt: string;
}

interface LinkRow {
  connector: ConnectorId;
  local_kind: 'case' | 'profile';
  local_id: string;
  remote_id: string;
  remote_status: string | null;
  remote_updated_at: string | null;
  extra: string;
  updated_at: string;
}

const toLink = (r: LinkRow): SyncLink => ({
  connector: r.connector,
  localKind: r.local_kind,
  localId: r.local_id,
  remoteId: r.remote_id,
  remoteStatus: r.remote_status,
  remoteUpdatedAt: r.remote_updated_at,
  extra: JSON.parse(r.extra) as Record<string, unknown>,
  updatedAt: r.updated_at,
});

/** The outbox, the inbox, remote links and connector settings. */
export class SyncRepository {
  private readonly sql: Prepare;
  /** Set when a row was queued; the service reads it after the transaction to wake the runner. */
  private enqueued = false;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  // --- outbox -------------------------------------------------------------------------------

  /** False when a row with this idempotency key exists already: the effect is queued once. */
  enqueue(r: { id: string; connector: ConnectorId; kind: string; idempotencyKey: string; caseId: string | null; payload: Record<string, unknown>; now: string }): boolean {
    const added =
      this.sql(
        `INSERT INTO sync_outbox (id, seq, connector, kind, idempotency_key, case_id, payload, status, next_attempt_at, created_at, updated_at)
         VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM sync_outbox), ?, ?, ?, ?, ?, 'pending', ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`,
      ).run(r.id, r.connector, r.kind, r.idempotencyKey, r.caseId, JSON.stringify(r.payload), r.now, r.now, r.now).changes === 1;
    if (added) this.enqueued = true;
    return added;
  }

  /** Whether rows were queued since the last look (a rolled-back transaction's too: a wake is harmless). */
  takeEnqueued(): boolean {
    const was = this.enqueued;
    this.enqueued = false;
    return was;
  }

  outboxByKey(idempotencyKey: string): OutboxRecord | undefined {
    const r = this.sql('SELECT * FROM sync_outbox WHERE idempotency_key = ?').get(idempotencyKey) as OutboxRow | undefined;
    return r && toItem(r);
  }

  outboxById(id: string): OutboxRecord | undefined {
    const r = this.sql('SELECT * FROM sync_outbox WHERE id = ?').get(id) as OutboxRow | undefined;
    return r && toItem(r);
  }

  /**
   * Due rows of the connectors that may send now, in enqueue order, claimed (delivering) in the
   * same statement. A row waits while an earlier row of the same case and connector is still
   * undelivered, so a case's effects reach the remote in the order they happened.
   */
  claimDue(connectors: readonly ConnectorId[], now: string, limit: number): OutboxRecord[] {
    if (!connectors.length) return [];
    const marks = connectors.map(() => '?').join(',');
    const rows = this.sql(
      `UPDATE sync_outbox SET status = 'delivering', attempts = attempts + 1, updated_at = ?
       WHERE id IN (SELECT o.id FROM sync_outbox o
                    WHERE o.status = 'pending' AND o.next_attempt_at <= ? AND o.connector IN (${marks})
                      AND NOT EXISTS (SELECT 1 FROM sync_outbox e WHERE e.connector = o.connector AND e.case_id IS o.case_id
                                        AND e.seq < o.seq AND e.status IN ('pending','delivering'))
                    ORDER BY o.seq LIMIT ?)
       RETURNING *`,
    ).all(now, now, ...connectors, limit) as OutboxRow[];
    return rows.sort((a, b) => a.seq - b.seq).map(toItem);
  }

  markDelivered(id: string, remoteId: string | null, now: string): void {
    this.sql("UPDATE sync_outbox SET status = 'delivered', remote_id = ?, last_error = NULL, failing_since = NULL, delivered_at = ?, updated_at = ? WHERE id = ?").run(remoteId, now, now, id);
  }

  reschedule(id: string, nextAttemptAt: string, error: string, now: string): void {
    this.sql("UPDATE sync_outbox SET status = 'pending', next_attempt_at = ?, last_error = ?, failing_since = COALESCE(failing_since, ?), updated_at = ? WHERE id = ?").run(nextAttemptAt, error, now, now, id);
  }

  /** Puts a claimed row back without counting the attempt (the breaker was open, or the runner stopped). */
  release(id: string, now: string): void {
    this.sql("UPDATE sync_outbox SET status = 'pending', attempts = MAX(attempts - 1, 0), updated_at = ? WHERE id = ? AND status = 'delivering'").run(now, id);
  }

  markDead(id: string, error: string, now: string): void {
    this.sql("UPDATE sync_outbox SET status = 'dead', last_error = ?, updated_at = ? WHERE id = ?").run(error, now, id);
  }

  /** A dead row back in the queue (an admin's retry): its attempts start again. */
  revive(id: string, now: string): boolean {
    return this.sql("UPDATE sync_outbox SET status = 'pending', attempts = 0, failing_since = NULL, next_attempt_at = ?, updated_at = ? WHERE id = ? AND status = 'dead'").run(now, now, id).changes === 1;
  }

  discard(id: string, now: string): boolean {
    return this.sql("UPDATE sync_outbox SET status = 'discarded', updated_at = ? WHERE id = ? AND status = 'dead'").run(now, id).changes === 1;
  }

  /** At start: rows a previous process was sending go back to the queue (the key makes resending safe). */
  requeueInterrupted(now: string): number {
    return this.sql("UPDATE sync_outbox SET status = 'pending', next_attempt_at = ?, updated_at = ? WHERE status = 'delivering'").run(now, now).changes;
  }

  nextDueAt(connectors: readonly ConnectorId[]): string | null {
    if (!connectors.length) return null;
    const marks = connectors.map(() => '?').join(',');
    const r = this.sql(`SELECT MIN(next_attempt_at) AS at FROM sync_outbox WHERE status = 'pending' AND connector IN (${marks})`).get(...connectors) as { at: string | null };
    return r.at;
  }

  counts(): { connector: ConnectorId; status: OutboxStatus; n: number }[] {
    return this.sql('SELECT connector, status, count(*) AS n FROM sync_outbox GROUP BY connector, status').all() as { connector: ConnectorId; status: OutboxStatus; n: number }[];
  }

  list(filter: { status?: OutboxStatus; connector?: ConnectorId; caseId?: string; limit: number }): OutboxRecord[] {
    const where: string[] = [];
    const args: unknown[] = [];
    for (const [column, value] of [['status', filter.status], ['connector', filter.connector], ['case_id', filter.caseId]] as const) {
      if (value === undefined) continue;
      where.push(`${column} = ?`);
      args.push(value);
    }
    const sql = `SELECT * FROM sync_outbox ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
    return (this.sql(sql).all(...args, filter.limit) as OutboxRow[]).map(toItem);
  }

  // --- inbox --------------------------------------------------------------------------------

  /** False for an event id already received from this connector. */
  receive(r: { id: string; connector: ConnectorId; eventId: string; kind: string; payload: Record<string, unknown>; now: string }): boolean {
    return (
      this.sql(
        `INSERT INTO sync_inbox (id, connector, event_id, kind, payload, status, received_at)
         VALUES (?, ?, ?, ?, ?, 'pending', ?) ON CONFLICT (connector, event_id) DO NOTHING`,
      ).run(r.id, r.connector, r.eventId, r.kind, JSON.stringify(r.payload), r.now).changes === 1
    );
  }

  pendingInbox(limit: number): InboxRecord[] {
    return (this.sql("SELECT * FROM sync_inbox WHERE status = 'pending' ORDER BY received_at, rowid LIMIT ?").all(limit) as InboxRow[]).map(toInbox);
  }

  settleInbox(id: string, status: 'applied' | 'ignored' | 'failed', error: string | null, now: string): void {
    this.sql('UPDATE sync_inbox SET status = ?, error = ?, applied_at = ? WHERE id = ?').run(status, error, now, id);
  }

  inboxCount(status: InboxRecord['status']): number {
    return (this.sql('SELECT count(*) AS n FROM sync_inbox WHERE status = ?').get(status) as { n: number }).n;
  }

  // --- links --------------------------------------------------------------------------------

  link(connector: ConnectorId, localKind: 'case' | 'profile', localId: string): SyncLink | undefined {
    const r = this.sql('SELECT * FROM sync_links WHERE connector = ? AND local_kind = ? AND local_id = ?').get(connector, localKind, localId) as LinkRow | undefined;
    return r && toLink(r);
  }

  linkByRemote(connector: ConnectorId, localKind: 'case' | 'profile', remoteId: string): SyncLink | undefined {
    const r = this.sql('SELECT * FROM sync_links WHERE connector = ? AND local_kind = ? AND remote_id = ?').get(connector, localKind, remoteId) as LinkRow | undefined;
    return r && toLink(r);
  }

  linksOf(localKind: 'case' | 'profile', localId: string): SyncLink[] {
    return (this.sql('SELECT * FROM sync_links WHERE local_kind = ? AND local_id = ? ORDER BY connector').all(localKind, localId) as LinkRow[]).map(toLink);
  }

  /**
   * A connector's links whose remote status is not final yet (or not known), least recently
   * updated first: what a connector polls for news.
   */
  openLinks(connector: ConnectorId, localKind: 'case' | 'profile', finalStatuses: readonly string[], limit: number): SyncLink[] {
    const marks = finalStatuses.map(() => '?').join(',');
    return (
      this.sql(
        `SELECT * FROM sync_links WHERE connector = ? AND local_kind = ? AND (remote_status IS NULL OR remote_status NOT IN (${marks}))
         ORDER BY updated_at, local_id LIMIT ?`,
      ).all(connector, localKind, ...finalStatuses, limit) as LinkRow[]
    ).map(toLink);
  }

  /** Creates or updates a link; the remote status only moves when `remoteUpdatedAt` is not older. */
  saveLink(l: Omit<SyncLink, 'updatedAt'> & { now: string }): void {
    this.sql(
      `INSERT INTO sync_links (connector, local_kind, local_id, remote_id, remote_status, remote_updated_at, extra, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (connector, local_kind, local_id) DO UPDATE SET
         remote_id = excluded.remote_id,
         remote_status = CASE WHEN excluded.remote_updated_at IS NULL OR sync_links.remote_updated_at IS NULL OR excluded.remote_updated_at >= sync_links.remote_updated_at THEN excluded.remote_status ELSE sync_links.remote_status END,
         remote_updated_at = MAX(COALESCE(excluded.remote_updated_at, ''), COALESCE(sync_links.remote_updated_at, '')),
         extra = excluded.extra,
         updated_at = excluded.updated_at`,
    ).run(l.connector, l.localKind, l.localId, l.remoteId, l.remoteStatus, l.remoteUpdatedAt, JSON.stringify(l.extra), l.now);
  }

  // --- connectors ---------------------------------------------------------------------------

  connector(id: ConnectorId): ConnectorRow | undefined {
    const r = this.sql('SELECT * FROM sync_connectors WHERE id = ?').get(id) as { id: ConnectorId; enabled: number; config: string; secret: Buffer | null; updated_at: string } | undefined;
    return r && { id: r.id, enabled: r.enabled === 1, config: JSON.parse(r.config) as Record<string, unknown>, secret: r.secret, updatedAt: r.updated_at };
  }

  saveConnector(c: { id: ConnectorId; enabled: boolean; config: Record<string, unknown>; secret: Buffer | null | undefined; now: string; by: string }): void {
    // `secret` undefined keeps the stored one: the admin page never reads it back to resend it.
    this.sql(
      `INSERT INTO sync_connectors (id, enabled, config, secret, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET enabled = excluded.enabled, config = excluded.config,
         secret = CASE WHEN ? THEN excluded.secret ELSE sync_connectors.secret END,
         updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ).run(c.id, c.enabled ? 1 : 0, JSON.stringify(c.config), c.secret ?? null, c.now, c.by, c.secret === undefined ? 0 : 1);
  }
}
