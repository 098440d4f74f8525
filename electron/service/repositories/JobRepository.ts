import type { Db } from '../db/openDatabase';
import { statementCache, type Prepare } from '../db/statementCache';
import type { Job, JobLane, JobStatus } from '../../../shared/schemas/job';

interface JobRow {
  id: string;
  type: string;
  case_id: string | null;
  payload: string;
  status: JobStatus;
  attempts: number;
  max_attempts: number;
  progress: number;
  step: string | null;
  error_code: string | null;
  error_message: string | null;
  timings: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  created_by: string | null;
  lane: JobLane;
}

const toJob = (r: JobRow): Job => ({
  id: r.id,
  type: r.type,
  caseId: r.case_id,
  payload: JSON.parse(r.payload) as Record<string, unknown>,
  status: r.status,
  attempts: r.attempts,
  maxAttempts: r.max_attempts,
  progress: r.progress,
  step: r.step,
  errorCode: r.error_code,
  errorMessage: r.error_message,
  timings: JSON.parse(r.timings) as Record<string, number>,
  createdAt: r.created_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  createdBy: r.created_by,
  lane: r.lane,
});

export class JobRepository {
  private readonly sql: Prepare;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  insert(j: { id: string; type: string; caseId: string | null; payload: Record<string, unknown>; maxAttempts: number; now: string; createdBy: string | null; lane?: JobLane }): void {
    this.sql(
      `INSERT INTO jobs (id, type, case_id, payload, status, max_attempts, created_at, created_by, lane)
       VALUES (?, ?, ?, ?, 'queued', ?, ?, ?, ?)`,
    ).run(j.id, j.type, j.caseId, JSON.stringify(j.payload), j.maxAttempts, j.now, j.createdBy, j.lane ?? 'interactive');
  }

  /** Queued jobs moved to the background lane (the demo seeder's, once it has queued them all). */
  moveQueuedToBackground(): number {
    return this.sql("UPDATE jobs SET lane = 'background' WHERE status = 'queued' AND lane = 'interactive'").run().changes;
  }

  byId(id: string): Job | undefined {
    const r = this.sql('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
    return r && toJob(r);
  }

  forCase(caseId: string, limit = 20): Job[] {
    return (this.sql('SELECT * FROM jobs WHERE case_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?').all(caseId, limit) as JobRow[]).map(toJob);
  }

  /** Oldest queued job, marked running with one more attempt; undefined when none wait. */
  /** The next queued job, interactive before background, oldest first; only `lanes` may be claimed. */
  claimNext(now: string, lanes: readonly JobLane[] = ['interactive', 'background']): Job | undefined {
    if (!lanes.length) return undefined;
    const r = this.sql(
      `SELECT id FROM jobs WHERE status = 'queued' AND lane IN (${lanes.map(() => '?').join(',')})
       ORDER BY CASE lane WHEN 'interactive' THEN 0 ELSE 1 END, created_at, rowid LIMIT 1`,
    ).get(...lanes) as { id: string } | undefined;
    if (!r) return undefined;
    this.sql("UPDATE jobs SET status = 'running', attempts = attempts + 1, started_at = ?, progress = 0, step = NULL WHERE id = ? AND status = 'queued'").run(
      now,
      r.id,
    );
    return this.byId(r.id);
  }

  progress(id: string, step: string, progress: number): void {
    this.sql("UPDATE jobs SET step = ?, progress = ? WHERE id = ? AND status = 'running'").run(step, Math.min(1, Math.max(0, progress)), id);
  }

  finish(id: string, status: 'succeeded' | 'failed', now: string, timings: Record<string, number>, error?: { code: string; message: string }): void {
    this.sql(
      `UPDATE jobs SET status = ?, finished_at = ?, timings = ?, progress = CASE WHEN ? = 'succeeded' THEN 1 ELSE progress END,
         error_code = ?, error_message = ? WHERE id = ? AND status = 'running'`,
    ).run(status, now, JSON.stringify(timings), status, error?.code ?? null, error?.message ?? null, id);
  }

  /** Back in the queue after a worker crash (the caller checks attempts first). */
  requeue(id: string, error: { code: string; message: string }): void {
    this.sql("UPDATE jobs SET status = 'queued', error_code = ?, error_message = ? WHERE id = ? AND status = 'running'").run(error.code, error.message, id);
  }

  cancel(id: string, now: string): boolean {
    return this.sql("UPDATE jobs SET status = 'cancelled', finished_at = ? WHERE id = ? AND status IN ('queued','running')").run(now, id).changes === 1;
  }

  /** At start-up: jobs that were running when the process stopped go back in the queue. */
  requeueInterrupted(): number {
    return this.sql("UPDATE jobs SET status = 'queued' WHERE status = 'running'").run().changes;
  }

  /** Whether a job of this type waits to run or is running. */
  waiting(type: string): boolean {
    return this.sql("SELECT 1 FROM jobs WHERE type = ? AND status IN ('queued', 'running') LIMIT 1").get(type) !== undefined;
  }

  hasQueued(): boolean {
    return this.sql("SELECT 1 FROM jobs WHERE status = 'queued' LIMIT 1").get() !== undefined;
  }

  status(id: string): JobStatus | undefined {
    return (this.sql('SELECT status FROM jobs WHERE id = ?').get(id) as { status: JobStatus } | undefined)?.status;
  }
}
