import { join } from 'node:path';
import type { Operator } from '../../../shared/schemas/operator';
import type { ChainVerification } from '../../../shared/schemas/audit';
import type { AuditAnchor } from '../../../shared/schemas/auditAnchor';
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

/** A signed checkpoint of the chain as it stands, recorded as an event of its own. */
export function anchorChain(deps: ServiceDeps, now: Date): AuditAnchor | null {
  return deps.db.transaction(() => deps.audit.checkpoint(now.toISOString()))();
}

/**
 * Renders one case's report and writes it with its sidecar into `dir` (by default
 * <data dir>/exports/cases). `chain` and `anchor` let a batch verify and sign the audit chain
 * once for all its cases. The chain is verified from its last signed checkpoint (milliseconds
 * at a million events); the report carries a fresh signed checkpoint of its head.
 */
export async function exportCaseReport(
  deps: ServiceDeps,
  caseId: string,
  by: Pick<Operator, 'id' | 'displayName' | 'role'>,
  now: Date,
  opts: { dir?: string; chain?: ChainVerification; anchor?: AuditAnchor | null; batchId?: string } = {},
): Promise<ExportedCaseReport> {
  const data = loadCaseReport(deps, caseId, now);
  const chain = deps.audit.recheckCase(opts.chain ?? deps.audit.verifyFromCheckpoint(deps.keys.signer().publicKey), caseId);
  const anchor = opts.anchor === undefined ? anchorChain(deps, now) : opts.anchor;
  const { pdf, pages } = await renderCaseReport(data, { exportedBy: by, exportedAt: now, chain, anchor, ...(opts.batchId ? { batchId: opts.batchId } : {}) }, deps.thumbnails);
  const fileName = reportFileName(data, opts.dir ? undefined : now);
  const path = join(opts.dir ?? join(exportsDir(deps), 'cases'), fileName);
  const { sha256 } = writeWithSidecar(path, pdf);
  return { fileName, path, sha256, byteSize: pdf.length, pages, pdf, data };
}
