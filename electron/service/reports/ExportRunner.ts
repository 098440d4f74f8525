import type { ExportJob } from '../../../shared/schemas/report';
import type { AuditLog } from '../audit/AuditLog';
import type { Clock } from '../core/Clock';
import type { Logger } from '../core/Logger';
import { ServiceFailure } from '../core/ServiceFailure';
import type { Db } from '../db/openDatabase';
import type { ExportJobRepository } from '../repositories/ExportJobRepository';
import type { OperatorRepository } from '../repositories/OperatorRepository';
import { SYSTEM_ACTOR_NAMES } from '../../../shared/systemActors';

export interface BatchHooks {
  progress(step: string, done: number, fraction: number): void;
  cancelled(): boolean;
}

export type BatchOutcome = { status: 'cancelled' } | { status: 'succeeded'; outputName: string; outputSha256: string; byteSize: number; caseCount: number; manifestSha256: string };

/** The body of one export (runBatchExport, bound to the service by the composition root). */
export type RunExport = (job: ExportJob, hooks: BatchHooks) => Promise<BatchOutcome>;

/**
 * What the runner needs from the service. Named here rather than taken as a `Pick` of
 * ServiceDeps, which holds this runner: neither file imports the other's module back.
 */
export interface ExportRunnerDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  operators: OperatorRepository;
  audit: AuditLog;
  exportJobs: ExportJobRepository;
}

/**
 * Runs queued batch exports one at a time in the service process. PDF rendering is short
 * synchronous work per case with awaits in between, so RPCs keep being answered meanwhile.
 * Exports outlive the process: one that was running when it stopped is queued again and
 * starts over when the runner next starts.
 */
export class ExportRunner {
  private running: Promise<void> | null = null;
  private started = false;
  private stopped = false;

  constructor(
    private readonly deps: ExportRunnerDeps,
    private readonly run: RunExport,
  ) {}

  /**
   * Requeues the exports a stopped process left running, then runs what is queued. Only the
   * first call does anything: a later one would requeue the export this runner is running.
   */
  start(): void {
    if (this.started) return;
    this.started = true;
    const requeued = this.deps.exportJobs.requeueInterrupted();
    if (requeued) this.deps.log.info('exports.requeued_after_restart', { count: requeued });
    this.wake();
  }

  wake(): void {
    if (this.running || this.stopped) return;
    this.running = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.drain()).finally(() => {
      this.running = null;
    });
  }

  /** Resolves once nothing runs and nothing runnable waits. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.idle();
  }

  private async drain(): Promise<void> {
    const jobs = this.deps.exportJobs;
    for (;;) {
      // The store closes on shutdown; an export cut short there is requeued at the next start.
      if (this.stopped || !this.deps.db.open) return;
      const job = jobs.claimNext(this.deps.clock().toISOString());
      if (!job) return;
      await this.execute(job);
    }
  }

  private async execute(job: ExportJob): Promise<void> {
    const deps = this.deps;
    const jobs = deps.exportJobs;
    const started = performance.now();
    try {
      const outcome = await this.run(job, {
        progress: (step, done, fraction) => jobs.progress(job.id, step, done, fraction),
        cancelled: () => !deps.db.open || jobs.status(job.id) !== 'running',
      });
      if (outcome.status === 'cancelled' || !deps.db.open) return;
      const at = deps.clock().toISOString();
      const by = deps.operators.byId(job.createdBy);
      deps.db.transaction(() => {
        if (!jobs.succeed(job.id, { ...outcome, now: at })) return;
        deps.audit.append({
          at,
          actor: { id: job.createdBy, name: by?.displayName ?? job.createdBy },
          type: 'report.batch_completed',
          payload: { exportId: job.id, cases: outcome.caseCount, outputName: outcome.outputName, outputSha256: outcome.outputSha256, manifestSha256: outcome.manifestSha256 },
        });
      })();
      deps.log.info('exports.finished', { cases: outcome.caseCount, ms: Math.round(performance.now() - started) });
    } catch (e) {
      if (!deps.db.open) return;
      const code = e instanceof ServiceFailure ? e.code : 'EXPORT.0099';
      const message = e instanceof ServiceFailure ? e.message : 'the export failed; see the service log';
      deps.log.error('exports.failed', { code, error: e instanceof Error ? e.name : 'unknown' });
      const at = deps.clock().toISOString();
      deps.db.transaction(() => {
        jobs.fail(job.id, { code, message }, at);
        deps.audit.append({ at, actor: { id: null, name: SYSTEM_ACTOR_NAMES.system }, type: 'report.batch_failed', payload: { exportId: job.id, code, message } });
      })();
    }
  }
}
