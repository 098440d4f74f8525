import type { ChainVerification } from '../../../shared/schemas/audit';
import type { AuditAnchor } from '../../../shared/schemas/auditAnchor';
import type { ExportFilters } from '../../../shared/schemas/report';

export const MANIFEST_FORMAT = 'kyc-export-manifest/1';

export interface ManifestFile {
  /** Relative to the export's root, with forward slashes. */
  path: string;
  kind: 'case_report' | 'index' | 'sidecar';
  sha256: string;
  byteSize: number;
  caseId: string | null;
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  exportId: string;
  createdAt: string;
  exportedBy: { id: string; name: string; role: string };
  filters: ExportFilters;
  caseCount: number;
  /** Selected cases that were purged under retention before their report was written. */
  skippedCaseIds: string[];
  chain: Pick<ChainVerification, 'valid' | 'checked' | 'headHash'>;
  /** The signed checkpoint of the chain's head at export: `audit:verify --anchors` checks it later. */
  auditAnchor: AuditAnchor | null;
  files: ManifestFile[];
}

export function manifestJson(m: Manifest): string {
  return `${JSON.stringify(m, null, 2)}\n`;
}

/** RFC 4180: quote every field that holds a comma, quote or line break. */
function csvField(v: string | number | null): string {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function manifestCsv(m: Manifest): string {
  const lines = [['path', 'kind', 'sha256', 'byte_size', 'case_id'].join(',')];
  for (const f of m.files) lines.push([f.path, f.kind, f.sha256, f.byteSize, f.caseId].map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
