import type { ConnectorId, ConnectorStatus } from '../../../shared/schemas/sync';
import { CONNECTOR_IDS } from '../../../shared/schemas/sync';
import type { Clock } from '../core/Clock';
import type { Logger } from '../core/Logger';
import type { Db } from '../db/openDatabase';
import type { AuditLog } from '../audit/AuditLog';
import type { OutboxRecord, SyncRepository } from '../repositories/SyncRepository';
import { newId } from '../core/newId';
import { backoffMs, RETRY_WINDOW_MS } from './backoff';
import { CircuitBreaker } from './CircuitBreaker';
import type { Connector, ConnectorSettings } from './Connector';
import { openSecret, type SecretKeyProvider } from './secretBox';
import { SYSTEM_ACTOR_NAMES } from '../../../shared/systemActors';

/** A row that fails this many times, over at least the retry window, goes to the dead-letter list for an admin. */
export const MAX_DELIVERY_ATTEMPTS = 8;
/** Rows claimed per connector per pass, and how many of them are in flight at once. */
const BATCH = 50;
const IN_FLIGHT = 8;
/** With nothing due, the runner still looks again this often (polls, revived rows). */
const IDLE_MS = 5_000;

export const SYNC_ACTOR = { id: null, displayName: SYSTEM_ACTOR_NAMES.sync } as const;

export interface SyncRunnerDeps {
  db: Db;
  sync: SyncRepository;
  audit: AuditLog;
  clock: Clock;
  log: Logger;
  secrets: SecretKeyProvider;
}

export interface SyncRunnerOptions {
  maxAttempts?: number;
  /** How long a row keeps being retried while its remote fails (RETRY_WINDOW_MS unless set). */
  retryWindowMs?: number;
  random?: () => number;
  /** The retry schedule and breaker, shortened by the soak and the bench; production keeps the defaults. */
  backoffBaseMs?: number;
  backoffCapMs?: number;
  breakerFailures?: number;
  breakerCooldownMs?: number;
  /** Each remote call's limit (remoteHttp's REMOTE_TIMEOUT_MS unless set). */
  remoteTimeoutMs?: number;
  /** Didit's polling period (the seed recommends 10-30 s). */
  pollIntervalMs?: number;
}

interface ConnectorStats {
  lastSuccessAt: string | null;
  lastErrorAt: string | null;
  lastError: string | null;
  /** The last failure that said something about the remote's health (not a refusal of one row). */
  lastOutageAt: string | null;
  deliveredSinceStart: number;
  /** The outbox kind of the last delivery that failed as an outage; null after a poll's failure or any success. */
  lastFailedKind: string | null;
}

/**
 * Delivers the outbox and applies the inbox. Each connector has its own circuit breaker and is
 * served in enqueue order; a failing remote never holds up another. Rows claimed by a process
 * that died are re-queued at start: delivery is at-least-once, and every connector makes a
 * repeat harmless with the row's idempotency key, so remote effects happen exactly once.
 */
export class SyncRunner {
  private readonly breakers = new Map<ConnectorId, CircuitBreaker>();
  private readonly stats = new Map<ConnectorId, ConnectorStats>();
  private readonly connectors: Map<ConnectorId, Connector>;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  /** Not started: passes run only when `drain` asks (tests, the bench, a CLI). */
  private stopped = true;
  /** Set by `stop`: a pass in flight hands its remaining rows back. */
  private stopping = false;
  private lastPoll = 0;
  private readonly maxAttempts: number;
  private readonly retryWindowMs: number;
  private readonly random: () => number;
  private readonly pollIntervalMs: number;
  private readonly backoff: { baseMs?: number; capMs?: number };

  constructor(
    private readonly deps: SyncRunnerDeps,
    connectors: readonly Connector[],
    options: SyncRunnerOptions = {},
  ) {
    this.connectors = new Map(connectors.map((c) => [c.id, c]));
    this.maxAttempts = options.maxAttempts ?? MAX_DELIVERY_ATTEMPTS;
    this.retryWindowMs = options.retryWindowMs ?? RETRY_WINDOW_MS;
    this.random = options.random ?? Math.random;
    this.pollIntervalMs = options.pollIntervalMs ?? 15_000;
    this.backoff = { baseMs: options.backoffBaseMs, capMs: options.backoffCapMs };
    for (const id of CONNECTOR_IDS) {
      this.breakers.set(id, new CircuitBreaker(() => this.deps.clock().getTime(), options.breakerFailures, options.breakerCooldownMs));
      this.stats.set(id, { lastSuccessAt: null, lastErrorAt: null, lastError: null, lastOutageAt: null, deliveredSinceStart: 0, lastFailedKind: null });
    }
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.stopping = false;
    const requeued = this.deps.sync.requeueInterrupted(this.deps.clock().toISOString());
    if (requeued) this.deps.log.info('sync.requeued_after_restart', { count: requeued });
    this.wake();
  }

  /** Looks for work now; call after enqueueing or receiving. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.pass().finally(() => {
      this.running = null;
      if (this.stopped) return;
      if (this.again) {
        this.again = false;
        this.wake();
      } else this.schedule();
    });
  }

  /** Waits for the pass in flight; claimed rows it could not finish go back to the queue. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Resolves once a pass finds nothing due (tests and the bench drain with it). */
  async drain(maxPasses = 10_000): Promise<void> {
    for (let i = 0; i < maxPasses; i++) {
      await this.running;
      const due = this.dueConnectors();
      const next = this.deps.sync.nextDueAt(due);
      const inbox = this.deps.sync.inboxCount('pending');
      // A poll that is due counts as work once: a drain brings remote state in too, then settles.
      const pollDue = i === 0 && this.pollDue();
      if (!pollDue && (next === null || next > this.deps.clock().toISOString()) && inbox === 0) return;
      await (this.running = this.pass().finally(() => (this.running = null)));
    }
  }

  status(): ConnectorStatus[] {
    const counts = this.deps.sync.counts();
    const count = (id: ConnectorId, status: string) => counts.find((c) => c.connector === id && c.status === status)?.n ?? 0;
    return CONNECTOR_IDS.map((id) => {
      const row = this.deps.sync.connector(id);
      const breaker = this.breakers.get(id)!;
      const st = this.stats.get(id)!;
      const enabled = row?.enabled ?? false;
      const state: ConnectorStatus['state'] = !enabled
        ? 'disabled'
        : breaker.state !== 'closed'
          ? 'offline'
          : st.lastOutageAt && (!st.lastSuccessAt || st.lastOutageAt > st.lastSuccessAt)
            ? 'degraded'
            : st.lastSuccessAt
              ? 'online'
              : 'idle';
      return {
        id,
        enabled,
        state,
        breaker: breaker.state,
        pending: count(id, 'pending') + count(id, 'delivering'),
        dead: count(id, 'dead'),
        deliveredTotal: count(id, 'delivered'),
        lastSuccessAt: st.lastSuccessAt,
        lastErrorAt: st.lastErrorAt,
        lastError: st.lastError,
      };
    });
  }

  deliveredSinceStart(): number {
    return [...this.stats.values()].reduce((n, s) => n + s.deliveredSinceStart, 0);
  }

  /** The decrypted settings of a connector; null when it is switched off. */
  settings(id: ConnectorId): ConnectorSettings | null {
    const row = this.deps.sync.connector(id);
    if (!row?.enabled) return null;
    return { config: row.config, secret: row.secret ? openSecret(this.deps.secrets.key(), row.secret) : null };
  }

  private dueConnectors(): ConnectorId[] {
    return [...this.connectors.keys()].filter((id) => this.deps.sync.connector(id)?.enabled && this.breakers.get(id)!.state !== 'open');
  }

  private schedule(): void {
    const now = this.deps.clock().getTime();
    const next = this.deps.sync.nextDueAt(this.dueConnectors());
    const reopen = [...this.breakers.values()].map((b) => b.reopensAt()).filter((t): t is number => t !== null);
    const candidates = [now + IDLE_MS, ...(next ? [Date.parse(next)] : []), ...reopen];
    const delay = Math.max(10, Math.min(...candidates) - now);
    this.timer = setTimeout(() => this.wake(), delay);
    this.timer.unref();
  }

  private async pass(): Promise<void> {
    try {
      await this.pollRemotes();
      this.applyInbox();
      const ids = [...this.connectors.keys()].filter((id) => this.deps.sync.connector(id)?.enabled);
      await Promise.all(ids.map((id) => this.deliverFor(id)));
      this.applyInbox();
    } catch (e) {
      // A pass never takes the service down; the rows it held are re-queued at the next start.
      this.deps.log.error('sync.pass_failed', { error: e instanceof Error ? e.name : 'unknown' });
    }
  }

  private async deliverFor(id: ConnectorId): Promise<void> {
    const breaker = this.breakers.get(id)!;
    if (breaker.state === 'open') return;
    const settings = this.settings(id);
    const connector = this.connectors.get(id)!;
    if (!settings) return;
    const claimed = this.deps.sync.claimDue([id], this.deps.clock().toISOString(), BATCH);
    // The half-open trial is a row of another kind than the one that kept failing, when one is due:
    // one endpoint down (Didit's blocklist answering 503) must not hold up the others (new sessions)
    // through every cooldown. Rows of one claim are of different cases, so none overtakes another
    // of its own case. A remote down as a whole fails the trial whatever its kind.
    const failedKind = this.stats.get(id)!.lastFailedKind;
    const rows = breaker.state === 'half_open' && failedKind ? [...claimed.filter((r) => r.kind !== failedKind), ...claimed.filter((r) => r.kind === failedKind)] : claimed;
    // A claim holds at most one row per case, so rows in flight together never overtake each
    // other within a case; several at once keep a remote's latency from capping the rate.
    let next = 0;
    const lane = async () => {
      while (next < rows.length) {
        const row = rows[next++]!;
        if (this.stopping || !breaker.allow()) {
          // The remote went down mid-batch (or we are stopping): the row waits without losing an attempt.
          this.deps.sync.release(row.id, this.deps.clock().toISOString());
          continue;
        }
        await this.deliverOne(connector, row, settings, breaker);
      }
    };
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, rows.length) }, lane));
  }

  private async deliverOne(connector: Connector, row: OutboxRecord, settings: ConnectorSettings, breaker: CircuitBreaker): Promise<void> {
    let outcome: Awaited<ReturnType<Connector['deliver']>>;
    try {
      outcome = await connector.deliver(row, settings);
    } catch (e) {
      outcome = { ok: false, retryable: true, error: e instanceof Error ? `${e.name}: ${e.message}` : 'unknown error' };
    }
    const now = this.deps.clock();
    const at = now.toISOString();
    const stats = this.stats.get(connector.id)!;
    // Where it was sent, for the audit trail: the remote's origin, never a credential.
    const target = typeof settings.config.baseUrl === 'string' ? safeOrigin(settings.config.baseUrl) : null;
    if (outcome.ok) {
      const delivered = outcome;
      breaker.success();
      stats.lastFailedKind = null;
      stats.lastSuccessAt = at;
      stats.deliveredSinceStart += 1;
      this.deps.db.transaction(() => {
        delivered.record?.();
        this.deps.sync.markDelivered(row.id, delivered.remoteId, at);
        this.deps.audit.append({
          at,
          actor: { id: null, name: SYNC_ACTOR.displayName },
          type: 'sync.delivered',
          caseId: row.caseId,
          payload: { connector: row.connector, target, kind: row.kind, outboxId: row.id, idempotencyKey: row.idempotencyKey, remoteId: delivered.remoteId, attempts: row.attempts },
        });
      })();
      return;
    }
    // A refusal (4xx) is about this request, not the remote's health.
    if (outcome.retryable) {
      breaker.failure();
      stats.lastOutageAt = at;
      stats.lastFailedKind = row.kind;
    } else breaker.success();
    stats.lastErrorAt = at;
    stats.lastError = outcome.error;
    // An outage is waited out: a retryable failure gives up only once both the attempts and the window
    // (from this run's first failure) are used; an unreadable start counts as used.
    const failing = now.getTime() - Date.parse(row.failingSince ?? at);
    const dead = !outcome.retryable || (row.attempts >= this.maxAttempts && !(failing < this.retryWindowMs));
    this.deps.db.transaction(() => {
      if (dead) {
        this.deps.sync.markDead(row.id, outcome.error, at);
        this.deps.audit.append({
          at,
          actor: { id: null, name: SYNC_ACTOR.displayName },
          type: 'sync.dead_lettered',
          caseId: row.caseId,
          payload: { connector: row.connector, target, kind: row.kind, outboxId: row.id, attempts: row.attempts, error: outcome.error },
        });
      } else {
        const wait = Math.max(outcome.retryAfterMs ?? 0, backoffMs(row.attempts, this.random, this.backoff.baseMs, this.backoff.capMs));
        this.deps.sync.reschedule(row.id, new Date(now.getTime() + wait).toISOString(), outcome.error, at);
      }
    })();
    this.deps.log.warn('sync.delivery_failed', { connector: row.connector, kind: row.kind, attempt: row.attempts, dead, error: outcome.error });
  }

  private pollDue(): boolean {
    if (this.deps.clock().getTime() - this.lastPoll < this.pollIntervalMs) return false;
    return [...this.connectors.values()].some((c) => c.poll && this.deps.sync.connector(c.id)?.enabled);
  }

  private async pollRemotes(): Promise<void> {
    const now = this.deps.clock().getTime();
    if (now - this.lastPoll < this.pollIntervalMs) return;
    this.lastPoll = now;
    for (const connector of this.connectors.values()) {
      if (!connector.poll) continue;
      const breaker = this.breakers.get(connector.id)!;
      const settings = this.settings(connector.id);
      if (!settings || !breaker.allow()) continue;
      try {
        const events = await connector.poll(settings);
        breaker.success();
        const at = this.deps.clock().toISOString();
        this.deps.db.transaction(() => {
          for (const e of events) this.deps.sync.receive({ id: newId(), connector: connector.id, eventId: e.eventId, kind: e.kind, payload: e.payload, now: at });
        })();
      } catch (e) {
        breaker.failure();
        const st = this.stats.get(connector.id)!;
        st.lastFailedKind = null;
        st.lastErrorAt = this.deps.clock().toISOString();
        st.lastOutageAt = st.lastErrorAt;
        st.lastError = e instanceof Error ? e.message : 'poll failed';
      }
    }
  }

  /** Applies stored events in arrival order; each in its own transaction, so one bad event never blocks the rest. */
  private applyInbox(): void {
    for (const event of this.deps.sync.pendingInbox(BATCH)) {
      const connector = this.connectors.get(event.connector);
      const settings = this.settings(event.connector);
      const at = () => this.deps.clock().toISOString();
      if (!connector?.apply || !settings) {
        this.deps.sync.settleInbox(event.id, 'ignored', connector?.apply ? 'connector switched off' : 'nothing applies this event', at());
        continue;
      }
      try {
        this.deps.db.transaction(() => {
          const result = connector.apply!(event, settings);
          this.deps.sync.settleInbox(event.id, result, null, at());
        })();
      } catch (e) {
        this.deps.sync.settleInbox(event.id, 'failed', e instanceof Error ? e.message : 'unknown error', at());
        this.deps.log.error('sync.apply_failed', { connector: event.connector, kind: event.kind });
      }
    }
  }
}

/** A URL's origin only: user info or a query could carry a credential. */
function safeOrigin(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
