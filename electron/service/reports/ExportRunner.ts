import type { ExportJob } from '../../../shared/schemas/report';
import type { ServiceDeps } from '../core/ServiceDeps';
import { ServiceFailure } from '../core/ServiceFailure';
import { reportStoresFor } from './reportStores';
import { runBatchExport } from './runBatchExport';

/**
 * Runs queued batch exports one at a time in the service process. PDF rendering is short
 * synchronous work per case with awaits in between, so RPCs keep being answered meanwhile.
 * Exports outlive the process: one that was running when it stopped is queued again and
 * starts over when the runner next starts.
 */
export class ExportRunner {
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly deps: ServiceDeps) {}

  start(): void {
    const requeued = reportStoresFor(this.deps).exportJobs.requeueInterrupted();
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
    const jobs = reportStoresFor(this.deps).exportJobs;
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
    const jobs = reportStoresFor(deps).exportJobs;
    const started = performance.now();
    try {
      const outcome = await runBatchExport(deps, job, {
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
        deps.audit.append({ at, actor: { id: null, name: 'system' }, type: 'report.batch_failed', payload: { exportId: job.id, code, message } });
      })();
    }
  }
}

const runners = new WeakMap<ServiceDeps, ExportRunner>();

/** The service's export runner, started on first use (it then resumes interrupted exports). */
export function exportRunnerFor(deps: ServiceDeps): ExportRunner {
  let r = runners.get(deps);
  if (!r) {
    r = new ExportRunner(deps);
    runners.set(deps, r);
    r.start();
  }
  return r;
}

/** Stops the runner if one was started, so shutdown waits for a running export to settle. */
export async function stopExportRunner(deps: ServiceDeps): Promise<void> {
  const r = runners.get(deps);
  if (r) {
    runners.delete(deps);
    await r.stop();
  }
}
