import { SHIPPED_POLICY_VERSION } from '../../shared/schemas/policy';
import { mkdirSync } from 'node:fs';
import { contract, isOperationName, type InputOf, type OperationName, type OutputOf } from '../../shared/contract';
import { ErrorCode } from '../../shared/errorCodes';
import { err, ok, type Result } from '../../shared/result';
import { toServiceError } from '../../shared/zodErrors';
import { openKeyedStore } from './crypto/openKeyedStore';
import { finishPendingKeyWork } from './crypto/finishPendingKeyWork';
import type { KeyWrapper } from './crypto/keyWrappers';
import { DataDirLock } from './core/DataDirLock';
import type { AdjustableClock } from './core/AdjustableClock';
import { seedDemo } from './demo/seedDemo';
import { sweepTempWork } from './core/tempWork';
import { sweepEvidenceStore } from './evidence/sweepEvidenceStore';
import { migrate } from './db/migrate';
import { systemClock, type Clock } from './core/Clock';
import { silentLogger, type Logger } from './core/Logger';
import { ServiceFailure } from './core/ServiceFailure';
import type { ServiceDeps } from './core/ServiceDeps';
import { composeAnalysisEngine, composeService, type ServiceSchedules } from './core/composeService';
import { fileKeyProvider, type SecretKeyProvider } from './sync/secretBox';
import type { SyncRunnerOptions } from './sync/SyncRunner';
import { hashToken } from './auth/sessionTokens';
import { readSettings } from './settings/readSettings';
import { handlers } from './handlers/index';
import type { AuthedContext, PublicContext } from './handlers/Handlers';
import type { Operator } from '../../shared/schemas/operator';
import { DEFAULT_POLICY } from './analysis/defaultPolicy';
import type { AnalysisPoolOptions } from './analysis/pool/AnalysisPool';

export interface KycServiceOptions {
  dataDir: string;
  clock?: Clock;
  log?: Logger;
  /**
   * Unlocks the data folder's key ring (made on first open): the OS keychain on the desktop,
   * a passphrase or a key file under `serve` and the command-line tools (resolveKeyWrapper).
   */
  keys: KeyWrapper;
  /** The key that seals connector secrets; default: `secrets.key` (mode 0600) in the data directory. */
  secrets?: SecretKeyProvider;
  sync?: SyncRunnerOptions;
  /** Who opens the store (desktop, serve, a maintenance command): named to a second process refused the data folder. */
  owner?: string;
  /** Demo data the shell ships, offered by first-run setup; its clock is moved back while the demo's history is written. */
  demo?: { dir: string; clock: AdjustableClock };
}

import { DATABASE_FILE } from './db/databaseFile';

export { DATABASE_FILE };
/** The caller of `call` without a transport (tests, demo seeding, command-line tools). */
export const IN_PROCESS_CLIENT = 'in-process';

/**
 * The local KYC service. Both shells (Electron IPC and the HTTP server) call `call`; it
 * parses the input against the contract, resolves the session, enforces the role, runs the
 * handler and returns a Result. It never imports electron.
 */
export class KycService {
  readonly deps: ServiceDeps;
  private readonly schedules: ServiceSchedules;

  private constructor(
    deps: ServiceDeps,
    schedules: ServiceSchedules,
    private readonly lock: DataDirLock,
  ) {
    this.deps = deps;
    this.schedules = schedules;
  }

  /**
   * The composition root: opens and migrates the store, then builds every part once
   * (`composeService`) and hands handlers the result as `deps`.
   */
  static open(options: KycServiceOptions): KycService {
    mkdirSync(options.dataDir, { recursive: true });
    // First, before anything is read or re-queued: one process owns a data folder.
    const lock = DataDirLock.acquire(options.dataDir, options.owner ?? 'a KYC workstation process');
    const clock = options.clock ?? systemClock;
    let opened: ReturnType<typeof openKeyedStore>;
    try {
      opened = openKeyedStore(options.dataDir, options.keys, clock());
    } catch (e) {
      lock.release();
      throw e;
    }
    const { db, keys } = opened;
    try {
      migrate(db);
    } catch (e) {
      db.close();
      lock.release();
      throw e;
    }
    const { deps, schedules } = composeService(db, options.dataDir, clock, options.log ?? silentLogger, {
      secrets: options.secrets ?? fileKeyProvider(options.dataDir),
      keys,
      ...(options.sync ? { sync: options.sync } : {}),
    });
    if (!deps.policies.latest()) {
      // A new store starts with the shipped policy as version 1.
      const at = deps.clock().toISOString();
      db.transaction(() => {
        const p = deps.policies.insert({ body: DEFAULT_POLICY, note: SHIPPED_POLICY_VERSION.note, createdAt: at, createdBy: SHIPPED_POLICY_VERSION.createdBy });
        deps.audit.append({ at, actor: { id: null, name: SHIPPED_POLICY_VERSION.createdBy }, type: 'policy.updated', payload: { version: p.version, previousVersion: null, note: p.note, body: p.body } });
      })();
    }
    // A chain from before signed checkpoints gets its first one now, so the rule that one follows
    // every CHECKPOINT_INTERVAL events holds from here on.
    db.transaction(() => deps.audit.checkpointIfNone(deps.clock().toISOString()))();
    // Before anything can put a file: what a crash left half-written or unrecorded goes.
    const swept = sweepEvidenceStore(deps.evidenceFiles, deps.evidenceReferences.referenced());
    if (swept.partial || swept.orphans) deps.log.info('evidence.swept', swept);
    // A plaintext store being encrypted, or a key rotation a crash cut short: finish it now.
    const sealed = finishPendingKeyWork(deps);
    if (sealed) deps.log.info('keys.finished', sealed);
    const service = new KycService(deps, schedules, lock);
    // Frames a killed process left in the temp folder (personal data) go now, in the background.
    void sweepTempWork().then((n) => n && deps.log.info('temp.swept', { folders: n }));
    const demo = options.demo;
    if (demo) deps.demo = async () => ({ cases: (await seedDemo(service, demo.clock, demo.dir)).cases });
    return service;
  }

  /**
   * Starts the worker pool and the job runner. Jobs queued meanwhile (or interrupted by a
   * restart) run now. Models load lazily in each worker; `warmUp` loads them at once.
   */
  startAnalysis(options: AnalysisPoolOptions & { warmUp?: boolean } = {}): Promise<void> {
    if (this.deps.engine) return Promise.resolve();
    const engine = composeAnalysisEngine(this.deps, options);
    this.deps.engine = engine;
    // The engine's automatic approvals queue remote effects outside any call.
    engine.runner.on('finished', () => {
      if (this.deps.sync.takeEnqueued()) this.deps.syncRuntime.runner.wake();
    });
    engine.runner.start();
    return options.warmUp ? engine.pool.warmUp() : Promise.resolve();
  }

  /**
   * Starts the export runner now rather than on the first reports call, so an export that was
   * running when the app stopped resumes at start-up.
   */
  startExports(): void {
    this.deps.exportRunner.start();
  }

  /**
   * Starts the service's scheduled work, for serve and desktop alike: the daily retention run
   * (it purges only while the admin setting is on) and the hourly expiry of applications left
   * unfinished past the policy's applicationExpiryDays.
   */
  startSchedules(): void {
    this.schedules.retention.start();
    this.schedules.expiry.start();
    this.schedules.walCheckpoint.start();
    this.deps.backups.start();
  }

  /** Starts delivering the outbox and applying the inbox (serve and desktop). */
  startSync(): void {
    this.deps.syncRuntime.runner.start();
  }

  /** Stops taking jobs, waits for running ones, ends the workers and closes the store. */
  async shutdown(): Promise<void> {
    this.schedules.retention.stop();
    this.schedules.expiry.stop();
    this.schedules.walCheckpoint.stop();
    this.deps.backups.stop();
    await this.deps.syncRuntime.runner.stop();
    await this.deps.exportRunner.stop();
    const engine = this.deps.engine;
    if (engine) {
      await engine.runner.stop();
      await engine.pool.close();
      this.deps.engine = null;
    }
    this.close();
  }

  close(): void {
    if (this.deps.db.open) {
      this.deps.db.pragma('wal_checkpoint(TRUNCATE)');
      this.deps.db.close();
    }
    this.lock.release();
  }

  /** Typed entry point for in-process callers (tests, demo seeding, the desktop shell's own code). */
  call<K extends OperationName>(operation: K, input: InputOf<K>, token: string | null, client = IN_PROCESS_CLIENT): Promise<Result<OutputOf<K>>> {
    return this.callUntyped(operation, input, token, client) as Promise<Result<OutputOf<K>>>;
  }

  /** For transports, which receive the operation name and input as untrusted data. */
  async callUntyped(operation: string, input: unknown, token: string | null, client = IN_PROCESS_CLIENT): Promise<Result<unknown>> {
    const started = performance.now();
    const result = await this.dispatch(operation, input, token, client);
    // A committed change that queued remote effects: deliver them now, not at the next timer.
    if (this.deps.sync.takeEnqueued()) this.deps.syncRuntime.runner.wake();
    // Only the operation, the outcome code and the time: inputs may hold personal data.
    this.deps.log.info('rpc', {
      op: operation,
      ok: result.ok,
      code: result.ok ? null : result.error.code,
      ms: Math.round(performance.now() - started),
    });
    return result;
  }

  private async dispatch(operation: string, rawInput: unknown, token: string | null, client: string): Promise<Result<unknown>> {
    if (!isOperationName(operation)) return err(ErrorCode.UNKNOWN_OPERATION, `unknown operation ${operation}`);
    const spec = contract[operation];
    const now = this.deps.clock();
    const base: PublicContext = { deps: this.deps, now, tx: (fn) => this.deps.db.transaction(fn)(), client };
    let ctx: PublicContext | AuthedContext = base;
    if (spec.roles !== 'public') {
      const session = this.resolveSession(token, now);
      if (!session.ok) return session;
      const { actor, tokenHash } = session.value;
      if (!spec.roles.includes(actor.role)) {
        return err(ErrorCode.FORBIDDEN, `${operation} is not allowed for the ${actor.role} role`);
      }
      ctx = { ...base, actor, tokenHash };
    }
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) return { ok: false, error: toServiceError(parsed.error, rawInput) };
    try {
      const handler = handlers[operation] as (input: unknown, ctx: PublicContext | AuthedContext) => unknown;
      return ok(await handler(parsed.data, ctx));
    } catch (e) {
      if (e instanceof ServiceFailure) return { ok: false, error: e.toError() };
      this.deps.log.error('rpc.internal', { op: operation, error: e instanceof Error ? e.name : 'unknown' });
      return err(ErrorCode.INTERNAL, 'internal error; the operation was not applied');
    }
  }

  /** Looks the session up, ends it if idle too long, and otherwise pushes its idle expiry on. */
  private resolveSession(token: string | null, now: Date): Result<{ actor: Operator; tokenHash: string }> {
    if (!token) return err(ErrorCode.NOT_AUTHENTICATED, 'sign in first');
    const tokenHash = hashToken(token);
    const row = this.deps.sessions.byTokenHash(tokenHash);
    if (!row || row.revoked_at !== null || Date.parse(row.idle_expires_at) <= now.getTime()) {
      return err(ErrorCode.SESSION_EXPIRED, 'your session has expired; sign in again');
    }
    const actor = this.deps.operators.byId(row.operator_id);
    if (!actor || !actor.active) return err(ErrorCode.SESSION_EXPIRED, 'your account is disabled; sign in again');
    const idleMs = readSettings(this.deps.settings).sessionIdleMinutes * 60_000;
    this.deps.sessions.touch(tokenHash, now.toISOString(), new Date(now.getTime() + idleMs).toISOString());
    return ok({ actor, tokenHash });
  }
}
