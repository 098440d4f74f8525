import { join } from 'node:path';
import type { Operator } from '../../../shared/schemas/operator';
import type { ChainVerification } from '../../../shared/schemas/audit';
import type { ServiceDeps } from '../core/ServiceDeps';
import { loadCaseReport, type CaseReportData } from './loadCaseReport';
import { renderCaseReport, reportFileName } from './caseReportPdf';
import { exportsDir, writeWithSidecar } from './writeReportFile';

export interface ExportedCaseReport {
  fileName: string;
  path: string;
  sha256: string;
  byteSize: number;
  pages: number;
  pdf: Buffer;
  data: CaseReportData;
}

/**
 * Renders one case's report and writes it with its sidecar into `dir` (by default
 * <data dir>/exports/cases). `chain` lets a batch verify the audit chain once for all its cases.
 */
export async function exportCaseReport(
  deps: ServiceDeps,
  caseId: string,
  by: Pick<Operator, 'id' | 'displayName' | 'role'>,
  now: Date,
  opts: { dir?: string; chain?: ChainVerification; batchId?: string } = {},
): Promise<ExportedCaseReport> {
  const data = loadCaseReport(deps, caseId, now);
  const chain = opts.chain ?? deps.audit.verify();
  const { pdf, pages } = await renderCaseReport(data, { exportedBy: by, exportedAt: now, chain, ...(opts.batchId ? { batchId: opts.batchId } : {}) }, deps.thumbnails);
  const fileName = reportFileName(data, opts.dir ? undefined : now);
  const path = join(opts.dir ?? join(exportsDir(deps), 'cases'), fileName);
  const { sha256 } = writeWithSidecar(path, pdf);
  return { fileName, path, sha256, byteSize: pdf.length, pages, pdf, data };
}
