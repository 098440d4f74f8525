import type { Db } from '../db/openDatabase';
import { statementCache, type Prepare } from '../db/statementCache';
import { storedExportFiltersSchema, type ExportFilters, type ExportJob, type ExportStatus } from '../../../shared/schemas/report';

interface Row {
  id: string;
  status: ExportStatus;
  format: ExportJob['format'];
  filters: string;
  case_count: number | null;
  done_count: number;
  progress: number;
  step: string | null;
  output_name: string | null;
  output_sha256: string | null;
  byte_size: number | null;
  error_code: string | null;
  error_message: string | null;
  created_at: string;
  created_by: string;
  created_by_name: string | null;
  started_at: string | null;
  finished_at: string | null;
}

const SELECT = `SELECT j.*, o.display_name AS created_by_name FROM export_jobs j LEFT JOIN operators o ON o.id = j.created_by`;

const toJob = (r: Row): ExportJob => ({
  id: r.id,
  status: r.status,
  format: r.format,
  // Stored from a parsed input; parsing again restores defaults for rows written by older code.
  filters: storedExportFiltersSchema.parse(JSON.parse(r.filters)),
  caseCount: r.case_count,
  doneCount: r.done_count,
  progress: r.progress,
  step: r.step,
  outputName: r.output_name,
  outputSha256: r.output_sha256,
  byteSize: r.byte_size,
  errorCode: r.error_code,
  errorMessage: r.error_message,
  createdAt: r.created_at,
  createdBy: r.created_by,
  createdByName: r.created_by_name ?? r.created_by,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
});

/** The persistent queue of batch exports: rows survive restarts; running ones are queued again. */
export class ExportJobRepository {
  private readonly sql: Prepare;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  insert(j: { id: string; format: ExportJob['format']; filters: ExportFilters; now: string; createdBy: string }): void {
    this.sql("INSERT INTO export_jobs (id, status, format, filters, created_at, created_by) VALUES (?, 'queued', ?, ?, ?, ?)").run(
      j.id,
      j.format,
      JSON.stringify(j.filters),
      j.now,
      j.createdBy,
    );
  }

  byId(id: string): ExportJob | undefined {
    const r = this.sql(`${SELECT} WHERE j.id = ?`).get(id) as Row | undefined;
    return r && toJob(r);
  }

  list(limit: number): ExportJob[] {
    return (this.sql(`${SELECT} ORDER BY j.created_at DESC, j.rowid DESC LIMIT ?`).all(limit) as Row[]).map(toJob);
  }

  /** Oldest queued export, marked running; undefined when none wait. */
  claimNext(now: string): ExportJob | undefined {
    const r = this.sql("SELECT id FROM export_jobs WHERE status = 'queued' ORDER BY created_at, rowid LIMIT 1").get() as { id: string } | undefined;
    if (!r) return undefined;
    const claimed = this.sql("UPDATE export_jobs SET status = 'running', started_at = ?, progress = 0, done_count = 0, step = NULL WHERE id = ? AND status = 'queued'").run(now, r.id);
    return claimed.changes === 1 ? this.byId(r.id) : undefined;
  }

  setCaseCount(id: string, count: number): void {
    this.sql("UPDATE export_jobs SET case_count = ? WHERE id = ? AND status = 'running'").run(count, id);
  }

  progress(id: string, step: string, done: number, fraction: number): void {
    this.sql("UPDATE export_jobs SET step = ?, done_count = ?, progress = ? WHERE id = ? AND status = 'running'").run(step, done, Math.min(1, Math.max(0, fraction)), id);
  }

  succeed(id: string, out: { outputName: string; outputSha256: string; byteSize: number; now: string }): boolean {
    return (
      this.sql(
        "UPDATE export_jobs SET status = 'succeeded', progress = 1, step = 'done', output_name = ?, output_sha256 = ?, byte_size = ?, finished_at = ? WHERE id = ? AND status = 'running'",
      ).run(out.outputName, out.outputSha256, out.byteSize, out.now, id).changes === 1
    );
  }

  fail(id: string, error: { code: string; message: string }, now: string): void {
    this.sql("UPDATE export_jobs SET status = 'failed', error_code = ?, error_message = ?, finished_at = ? WHERE id = ? AND status = 'running'").run(error.code, error.message, now, id);
  }

  cancel(id: string, now: string): boolean {
    return this.sql("UPDATE export_jobs SET status = 'cancelled', finished_at = ? WHERE id = ? AND status IN ('queued','running')").run(now, id).changes === 1;
  }

  status(id: string): ExportStatus | undefined {
    return (this.sql('SELECT status FROM export_jobs WHERE id = ?').get(id) as { status: ExportStatus } | undefined)?.status;
  }

  /** At start-up: exports that were running when the process stopped start again from the beginning. */
  requeueInterrupted(): number {
    return this.sql("UPDATE export_jobs SET status = 'queued', step = NULL, progress = 0, done_count = 0 WHERE status = 'running'").run().changes;
  }
}
