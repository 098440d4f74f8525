import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/errorCodes';
import { exportFiltersSchema, type ExportJob } from '../../shared/schemas/report';
import { exportsDir, sha256Of } from '../../electron/service/reports/writeReportFile';
import { openTempService, type TempService } from '../helpers/tempService';
import { reportCase, type ReportSetup } from '../helpers/reportCase';
import { caseAt } from '../helpers/caseSetup';

interface ManifestJson {
  exportId: string;
  caseCount: number;
  chain: { valid: boolean; headHash: string };
  files: { path: string; kind: string; sha256: string; byteSize: number; caseId: string | null }[];
}

describe('batch export for auditors', () => {
  let t: TempService;
  let setup: ReportSetup;
  const today = new Date().toISOString().slice(0, 10);
  const range = { from: '2020-01-01', to: today };

  const start = async (input: Record<string, unknown>, token = setup.tokens.auditor): Promise<ExportJob> => {
    const r = await t.service.call('reports.startExport', input as never, token);
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const finished = async (id: string): Promise<ExportJob> => {
    await t.service.deps.exportRunner.idle();
    const r = await t.service.call('reports.getExport', { id }, setup.tokens.auditor);
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };

  beforeAll(async () => {
    t = openTempService();
    setup = await reportCase(t);
    // Two more cases: one still in progress, one waiting for review.
    await caseAt(t, setup.tokens.staff, setup.tokens.officer, 'IN_PROGRESS');
    await caseAt(t, setup.tokens.staff, setup.tokens.officer, 'SUBMITTED');
  }, 60_000);
  afterAll(async () => {
    await t.service.deps.exportRunner.stop();
    t.cleanup();
  });

  it('writes a zip with one PDF per case, an index and a manifest whose hashes match every file', async () => {
    const queued = await start({ filters: range, format: 'zip' });
    expect(queued.status).toBe('queued');
    const job = await finished(queued.id);
    expect(job).toMatchObject({ status: 'succeeded', caseCount: 3, doneCount: 3, progress: 1 });

    const file = await t.service.call('reports.exportFile', { id: job.id }, setup.tokens.auditor);
    if (!file.ok) throw new Error(file.error.message);
    const zipBytes = readFileSync(file.value.path);
    expect(sha256Of(zipBytes)).toBe(job.outputSha256);
    expect(readFileSync(`${file.value.path}.sha256`, 'utf8')).toBe(`${job.outputSha256}  ${job.outputName}\n`);

    const entries = unzipSync(zipBytes);
    const root = job.outputName!.replace(/\.zip$/, '');
    const at = (p: string) => entries[`${root}/${p}`];
    const manifest = JSON.parse(Buffer.from(at('manifest.json')!).toString('utf8')) as ManifestJson;
    expect(manifest).toMatchObject({ exportId: job.id, caseCount: 3, chain: { valid: true } });
    expect(manifest.files.filter((f) => f.kind === 'case_report')).toHaveLength(3);
    expect(manifest.files.map((f) => f.path)).toContain('index.pdf');
    for (const f of manifest.files) {
      const bytes = at(f.path);
      expect(bytes, f.path).toBeDefined();
      expect(sha256Of(bytes!), f.path).toBe(f.sha256);
      expect(bytes!.length).toBe(f.byteSize);
    }
    // The CSV lists the same files with the same hashes.
    const csv = Buffer.from(at('manifest.csv')!).toString('utf8').trim().split('\r\n');
    expect(csv[0]).toBe('path,kind,sha256,byte_size,case_id');
    expect(csv.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual(manifest.files.map((f) => `${f.path},${f.kind},${f.sha256}`));
    expect(sha256Of(at('manifest.json')!)).toBe(Buffer.from(at('manifest.json.sha256')!).toString().split(' ')[0]);

    const index = execFileSync('pdftotext', ['-', '-'], { input: Buffer.from(at('index.pdf')!), encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(index).toContain('Batch export of 3 cases');
    expect(index).toMatch(/APPROVED 1 33\.3 %/);
    expect(index).toContain('Engine overrides (1)');
    // The four-eyes grid reads labels first, then values: 1 case, 1 confirmed, 0 returned.
    expect(index).toMatch(/CASES WITH A SECOND REVIEW CONFIRMED RETURNED TO REVIEW 1 1 0/);
    for (const f of manifest.files.filter((x) => x.kind === 'case_report')) expect(index).toContain(f.sha256);

    const events = t.service.deps.auditRows.list({ limit: 50 }).map((e) => e.type);
    expect(events).toEqual(expect.arrayContaining(['report.batch_requested', 'report.batch_completed']));
  }, 120_000);

  it('writes a folder when asked, and applies the status filter', async () => {
    // The approved case is analysed again after its decision, and the engine now says AUTO_APPROVE:
    // the approval was still an override of the DECLINE it overrode at the time.
    const before = t.service.deps.analyses.latestForCase(setup.caseId)!;
    expect(before.recommendation).toBe('DECLINE');
    t.service.deps.analyses.insert({ id: 'later-analysis', caseId: setup.caseId, jobId: null, result: { ...before, recommendation: 'AUTO_APPROVE' }, now: new Date(Date.now() + 60_000).toISOString() });
    const job = await finished((await start({ filters: { ...range, statuses: ['APPROVED'] }, format: 'folder' })).id);
    expect(job).toMatchObject({ status: 'succeeded', caseCount: 1 });
    const dir = join(exportsDir(t.service.deps), job.outputName!);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as ManifestJson;
    expect(manifest.files.filter((f) => f.kind === 'case_report').map((f) => f.caseId)).toEqual([setup.caseId]);
    for (const f of manifest.files) expect(sha256Of(readFileSync(join(dir, f.path))), f.path).toBe(f.sha256);
    expect(execFileSync('sha256sum', ['-c', 'manifest.json.sha256', 'index.pdf.sha256'], { cwd: dir, encoding: 'utf8' })).toMatch(/manifest.json: OK[\s\S]*index.pdf: OK/);
    const index = execFileSync('pdftotext', [join(dir, 'index.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(index).toContain('Engine overrides (1)');
    expect(index).toMatch(/Engine, when decided .*Decline/);
    // The filters read as words.
    expect(index).toContain('status Approved');
  }, 120_000);

  it('cancels a running export and leaves no partial output', async () => {
    // Enough cases that the export is still running when the cancel arrives.
    for (let i = 0; i < 20; i++) await caseAt(t, setup.tokens.staff, setup.tokens.officer, 'SUBMITTED');
    const listing = () => (existsSync(exportsDir(t.service.deps)) ? readdirSync(exportsDir(t.service.deps)).sort() : []);
    const before = listing();
    const job = await start({ filters: range, format: 'zip' });
    for (let i = 0; i < 500; i++) {
      const j = t.service.deps.db.prepare('SELECT status, done_count FROM export_jobs WHERE id = ?').get(job.id) as { status: string; done_count: number };
      if (j.status === 'running' && j.done_count >= 1) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const cancelled = await t.service.call('reports.cancelExport', { id: job.id }, setup.tokens.auditor);
    expect(cancelled.ok ? cancelled.value.status : cancelled.error).toBe('cancelled');
    const after = await finished(job.id);
    expect(after.status).toBe('cancelled');
    // Stopped part way: it noticed the cancel before the next case.
    expect(after.doneCount).toBeLessThan(after.caseCount!);
    expect(after.outputName).toBeNull();
    expect(listing().filter((n) => n !== '.staging')).toEqual(before.filter((n) => n !== '.staging'));
    expect(existsSync(join(exportsDir(t.service.deps), '.staging', job.id))).toBe(false);
    // A cancelled export cannot be cancelled again or downloaded.
    const again = await t.service.call('reports.cancelExport', { id: job.id }, setup.tokens.auditor);
    expect(again.ok ? null : again.error.code).toBe(ErrorCode.ILLEGAL_TRANSITION);
    const file = await t.service.call('reports.exportFile', { id: job.id }, setup.tokens.auditor);
    expect(file.ok ? null : file.error.code).toBe(ErrorCode.ILLEGAL_TRANSITION);
    expect(t.service.deps.auditRows.list({ type: 'report.batch_cancelled', limit: 5 })).toHaveLength(1);
  }, 120_000);

  it('refuses branch staff and officers, and checks the filters', async () => {
    for (const token of [setup.tokens.staff, setup.tokens.officer, setup.tokens.senior]) {
      const r = await t.service.call('reports.startExport', { filters: range, format: 'zip' }, token);
      expect(r.ok ? null : r.error.code).toBe(ErrorCode.FORBIDDEN);
    }
    const backwards = await t.service.call('reports.startExport', { filters: { from: '2026-02-01', to: '2026-01-01' }, format: 'zip' }, setup.tokens.admin);
    expect(backwards).toMatchObject({ ok: false, error: { field: 'filters.to', message: expect.stringContaining('the start date must not be after the end date') } });
    const badDate = await t.service.call('reports.startExport', { filters: { from: '2026-02-30', to: '2026-03-01' }, format: 'zip' }, setup.tokens.admin);
    expect(badDate.ok).toBe(false);
    const list = await t.service.call('reports.listExports', {}, setup.tokens.admin);
    expect(list.ok && list.value.length).toBe(3);
  });
});

describe('an export interrupted by a restart', () => {
  it('is queued again and finishes once the service is back', async () => {
    const t = openTempService();
    try {
      const auditor = await t.signInAs('auditor');
      const staff = await t.signInAs('branch_staff');
      const officer = await t.signInAs('officer');
      await caseAt(t, staff, officer, 'SUBMITTED');
      const op = t.service.deps.operators.list().find((o) => o.role === 'auditor')!;
      // What the store holds after the process died mid-export: a row marked running.
      const jobs = t.service.deps.exportJobs;
      jobs.insert({ id: 'interrupted-1', format: 'zip', filters: exportFiltersSchema.parse({ from: '2020-01-01', to: '2099-01-01' }), now: new Date().toISOString(), createdBy: op.id });
      expect(jobs.claimNext(new Date().toISOString())?.status).toBe('running');
      // The first reports call of this process starts the runner, which picks it up again.
      const listed = await t.service.call('reports.listExports', {}, auditor);
      expect(listed.ok && listed.value.map((j) => j.id)).toEqual(['interrupted-1']);
      await t.service.deps.exportRunner.idle();
      expect(jobs.byId('interrupted-1')).toMatchObject({ status: 'succeeded', caseCount: 1 });
      await t.service.deps.exportRunner.stop();
    } finally {
      t.cleanup();
    }
  }, 60_000);
});
