import { mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCode } from '../../../shared/errorCodes';
import { MAX_EXPORT_CASES, type ExportJob } from '../../../shared/schemas/report';
import type { ServiceDeps } from '../core/ServiceDeps';
import { ServiceFailure } from '../core/ServiceFailure';
import { batchRowOf, batchStats, type BatchRow } from './batchStats';
import { renderBatchIndex } from './batchIndexPdf';
import { anchorChain, exportCaseReport } from './exportCaseReport';
import type { BatchHooks, BatchOutcome } from './ExportRunner';
import { MANIFEST_FORMAT, manifestCsv, manifestJson, type Manifest, type ManifestFile } from './exportManifest';
import { exportsDir, sha256Of, writeAtomic, writeWithSidecar } from './writeReportFile';
import { sha256Line } from '../../../shared/sha256Line';
import { writeZip } from './writeZip';

/** Name of an export's zip or folder: sortable by time, unique by job. */
export function exportName(job: Pick<ExportJob, 'id'>, at: Date): string {
  return `kyc-export-${at.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z-${job.id.slice(0, 8)}`;
}

/**
 * The body of a batch export. Writes into a staging folder and only moves the finished
 * export to its final name, so a cancelled, failed or interrupted export leaves nothing
 * that looks complete. Per-case PDFs take most of the time; the shares below follow that.
 */
export async function runBatchExport(deps: ServiceDeps, job: ExportJob, hooks: BatchHooks): Promise<BatchOutcome> {
  const by = deps.operators.byId(job.createdBy);
  if (!by) throw new ServiceFailure(ErrorCode.NOT_FOUND, 'the operator who requested the export no longer exists');
  const now = deps.clock();
  hooks.progress('selecting', 0, 0);
  const ids = deps.reports.selectCaseIds(job.filters, MAX_EXPORT_CASES + 1);
  if (ids.length > MAX_EXPORT_CASES) {
    throw new ServiceFailure(ErrorCode.INVALID_INPUT, `the filters select more than ${MAX_EXPORT_CASES} cases; narrow the date range or the filters`);
  }
  deps.exportJobs.setCaseCount(job.id, ids.length);
  hooks.progress('verifying audit chain', 0, 0.01);
  // One verification for the whole batch: every report states the same chain head.
  const chain = deps.audit.verifyFromCheckpoint(deps.keys.signer().publicKey);
  const anchor = anchorChain(deps, now);

  const root = exportsDir(deps);
  const name = exportName(job, now);
  const staging = join(root, '.staging', job.id);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(join(staging, 'cases'), { recursive: true });
  const files: ManifestFile[] = [];
  const rows: BatchRow[] = [];
  const skipped: string[] = [];
  const abandon = (): BatchOutcome => {
    rmSync(staging, { recursive: true, force: true });
    return { status: 'cancelled' };
  };

  try {
    let lastReport = 0;
    for (const [i, caseId] of ids.entries()) {
      // Rendering runs on the service's thread; going round the event loop between cases keeps
      // RPCs (and the cancel button) answered during a long export.
      await new Promise((resolve) => setImmediate(resolve));
      if (hooks.cancelled()) return abandon();
      let r: Awaited<ReturnType<typeof exportCaseReport>>;
      try {
        r = await exportCaseReport(deps, caseId, by, now, { dir: join(staging, 'cases'), chain, anchor, batchId: job.id });
      } catch (e) {
        // A case purged under retention while the export ran is left out and named in the manifest.
        if (e instanceof ServiceFailure && e.code === ErrorCode.NOT_FOUND) {
          skipped.push(caseId);
          continue;
        }
        throw e;
      }
      const sidecar = `${r.fileName}.sha256`;
      files.push(
        { path: `cases/${r.fileName}`, kind: 'case_report', sha256: r.sha256, byteSize: r.byteSize, caseId },
        { path: `cases/${sidecar}`, kind: 'sidecar', sha256: sha256Of(sha256Line(r.sha256, r.fileName)), byteSize: Buffer.byteLength(sha256Line(r.sha256, r.fileName)), caseId },
      );
      rows.push(batchRowOf(r.data, r));
      // Throttled (each write is a commit), but the first and last case always show.
      if (i === 0 || i === ids.length - 1 || performance.now() - lastReport > 200) {
        lastReport = performance.now();
        hooks.progress('case reports', i + 1, 0.02 + 0.88 * ((i + 1) / Math.max(1, ids.length)));
      }
    }
    if (hooks.cancelled()) return abandon();
    hooks.progress('index', ids.length, 0.91);
    const index = await renderBatchIndex({ exportId: job.id, filters: job.filters, exportedBy: by, exportedAt: now, chain, rows, stats: batchStats(rows) });
    const indexHash = writeWithSidecar(join(staging, 'index.pdf'), index.pdf).sha256;
    files.unshift(
      { path: 'index.pdf', kind: 'index', sha256: indexHash, byteSize: index.pdf.length, caseId: null },
      { path: 'index.pdf.sha256', kind: 'sidecar', sha256: sha256Of(sha256Line(indexHash, 'index.pdf')), byteSize: Buffer.byteLength(sha256Line(indexHash, 'index.pdf')), caseId: null },
    );
    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      exportId: job.id,
      createdAt: now.toISOString(),
      exportedBy: { id: by.id, name: by.displayName, role: by.role },
      filters: job.filters,
      caseCount: rows.length,
      skippedCaseIds: skipped,
      chain: { valid: chain.valid, checked: chain.checked, headHash: chain.headHash },
      auditAnchor: anchor,
      files,
    };
    const json = manifestJson(manifest);
    const manifestSha256 = writeWithSidecar(join(staging, 'manifest.json'), Buffer.from(json)).sha256;
    writeWithSidecar(join(staging, 'manifest.csv'), Buffer.from(manifestCsv(manifest)));
    const all = [...files.map((f) => f.path), 'manifest.json', 'manifest.json.sha256', 'manifest.csv', 'manifest.csv.sha256'];

    if (hooks.cancelled()) return abandon();
    if (job.format === 'folder') {
      const target = join(root, name);
      renameSync(staging, target);
      return { status: 'succeeded', outputName: name, outputSha256: manifestSha256, byteSize: all.reduce((s, p) => s + statSync(join(target, p)).size, 0), caseCount: rows.length, manifestSha256 };
    }
    hooks.progress('zip', ids.length, 0.95);
    const zipName = `${name}.zip`;
    const zipped = await writeZip(
      join(root, zipName),
      all.map((p) => ({ name: `${name}/${p}`, path: join(staging, p) })),
      hooks.cancelled,
    );
    if (!zipped) return abandon();
    writeAtomic(join(root, `${zipName}.sha256`), sha256Line(zipped.sha256, zipName));
    rmSync(staging, { recursive: true, force: true });
    return { status: 'succeeded', outputName: zipName, outputSha256: zipped.sha256, byteSize: zipped.byteSize, caseCount: rows.length, manifestSha256 };
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
}
