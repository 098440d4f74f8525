import { EventEmitter } from 'node:events';
import type { Job, JobLane } from '../../../shared/schemas/job';
import type { Clock } from '../core/Clock';
import type { Logger } from '../core/Logger';
import type { JobRepository } from '../repositories/JobRepository';
import { ServiceFailure } from '../core/ServiceFailure';
import { TaskFailedError, WorkerCrashedError } from '../analysis/pool/AnalysisPool';

export interface JobContext {
  job: Job;
  /** Records the step and its share done; the UI shows it as a progress bar. */
  progress(step: string, fraction: number): void;
  /** True once the job was cancelled: the handler should stop and write nothing. */
  cancelled(): boolean;
  /** True once the runner is stopping (the app is closing): a long sweep should stop at a safe point and queue the rest. */
  stopping(): boolean;
}

export type JobHandler = (ctx: JobContext) => Promise<{ timings: Record<string, number> }>;

export interface JobEvents {
  progress: [{ jobId: string; caseId: string | null; step: string; fraction: number }];
  finished: [{ jobId: string; caseId: string | null; status: Job['status'] }];
}

/**
 * What the runner needs from the service: the queue, the time and the log. Named here rather
 * than taken as a `Pick` of ServiceDeps, whose engine slot holds this runner: each file
 * importing the other was the loop the composition root removed.
 */
export interface JobRunnerDeps {
  jobs: JobRepository;
  clock: Clock;
  log: Logger;
}

/**
 * Runs the persistent job queue stored in SQLite. Jobs outlive the process: at start, jobs
 * that were running are queued again. A job whose worker crashed is retried until its
 * max_attempts; a job that failed on its input is not.
 */
export class JobRunner extends EventEmitter<JobEvents> {
  private active = 0;
  private stopped = false;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(
    private readonly deps: JobRunnerDeps,
    private readonly handlers: Record<string, JobHandler>,
    private readonly concurrency: number,
  ) {
    super();
  }

  start(): void {
    const requeued = this.deps.jobs.requeueInterrupted();
    if (requeued) this.deps.log.info('jobs.requeued_after_restart', { count: requeued });
    this.wake();
  }

  /** Looks for queued work; call after inserting a job. */
  wake(): void {
    setImmediate(() => this.pump());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.idle();
  }

  /** Resolves when nothing is running and nothing runnable is queued. */
  idle(): Promise<void> {
    if (this.active === 0 && (this.stopped || !this.hasQueued())) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private hasQueued(): boolean {
    return this.deps.jobs.hasQueued();
  }

  private settle(): void {
    if (this.active === 0 && (this.stopped || !this.hasQueued())) for (const w of this.idleWaiters.splice(0)) w();
  }

  /**
   * Fills the free slots, interactive jobs first. Background jobs use at most `concurrency`
   * slots and interactive ones one more: a job someone is waiting for starts at once even when
   * background work fills every regular slot.
   */
  private pump(): void {
    while (!this.stopped) {
      const lanes: JobLane[] = this.active < this.concurrency ? ['interactive', 'background'] : this.active === this.concurrency ? ['interactive'] : [];
      const job = this.deps.jobs.claimNext(this.deps.clock().toISOString(), lanes);
      if (!job) break;
      this.active += 1;
      void this.execute(job).finally(() => {
        this.active -= 1;
        this.pump();
        this.settle();
      });
    }
    this.settle();
  }

  private async execute(job: Job): Promise<void> {
    const handler = this.handlers[job.type];
    const now = () => this.deps.clock().toISOString();
    if (!handler) {
      this.deps.jobs.finish(job.id, 'failed', now(), {}, { code: 'JOB.0001', message: `no handler for job type ${job.type}` });
      this.emit('finished', { jobId: job.id, caseId: job.caseId, status: 'failed' });
      return;
    }
    const ctx: JobContext = {
      job,
      progress: (step, fraction) => {
        this.deps.jobs.progress(job.id, step, fraction);
        this.emit('progress', { jobId: job.id, caseId: job.caseId, step, fraction });
      },
      cancelled: () => this.deps.jobs.status(job.id) === 'cancelled',
      stopping: () => this.stopped,
    };
    const started = performance.now();
    try {
      const { timings } = await handler(ctx);
      this.deps.jobs.finish(job.id, 'succeeded', now(), { ...timings, total: Math.round(performance.now() - started) });
    } catch (e) {
      if (e instanceof WorkerCrashedError && job.attempts < job.maxAttempts) {
        this.deps.log.warn('jobs.retry_after_crash', { type: job.type, attempt: job.attempts });
        this.deps.jobs.requeue(job.id, { code: 'JOB.0002', message: e.message });
      } else {
        const code = e instanceof TaskFailedError || e instanceof ServiceFailure ? e.code : e instanceof WorkerCrashedError ? 'JOB.0002' : 'JOB.0099';
        const message = e instanceof Error ? e.message : String(e);
        this.deps.log.error('jobs.failed', { type: job.type, code });
        this.deps.jobs.finish(job.id, 'failed', now(), {}, { code, message });
      }
    }
    const status = this.deps.jobs.status(job.id) ?? 'failed';
    this.emit('finished', { jobId: job.id, caseId: job.caseId, status });
  }
}
