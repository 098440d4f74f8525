import { MAX_EVIDENCE_BYTES, type EvidenceKind } from '../../../shared/schemas/evidence';
import type { ServiceDeps } from '../core/ServiceDeps';
import { newId } from '../core/newId';
import { refreshKycLevel } from '../cases/caseWorkflow';
import { enqueueAnalysis } from '../jobs/enqueueAnalysis';
import type { OutboxRecord, SyncLink } from '../repositories/SyncRepository';
import type { ConnectorOutcome } from './Connector';
import { isObject, sameOrigin, str, type DiditApi } from './diditApi';
import { diditSessionLink } from './diditSessions';
import { SYNC_ACTOR } from './SyncRunner';
import { hasHeldDiditApproval } from './diditApproval';

/** Sniffs what an image download really is; only what the evidence store takes is kept. */
function imageType(bytes: Buffer): 'image/jpeg' | 'image/png' | null {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return null;
}

/** The session's PDF report, filed as evidence of the case. */
export async function fetchDiditPdf(d: ServiceDeps, api: DiditApi, row: OutboxRecord): Promise<ConnectorOutcome> {
  const link = diditSessionLink(d, row);
  if ('ok' in link) return link;
  const filer = filerOf(d, link);
  if (!filer) return { ok: false, retryable: false, error: 'no operator to file the report under' };
  const { bytes } = await api.file(`/v3/session/${encodeURIComponent(link.remoteId)}/generate-pdf`, MAX_EVIDENCE_BYTES);
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') return { ok: false, retryable: false, error: 'generate-pdf answered something that is not a PDF' };
  // The file goes in first: if the row is never recorded, an unreferenced file is harmless.
  const { sha256 } = d.evidenceFiles.put(bytes);
  return {
    ok: true,
    remoteId: link.remoteId,
    // A decided case takes no new evidence from the desk; the remote's report of that decision is the exception.
    record: () => fileEvidence(d, link.localId, filer, [{ kind: 'SUPPLEMENTARY', sha256, mimeType: 'application/pdf', byteSize: bytes.length, fileName: `didit-report-${link.remoteId}.pdf` }], 'report'),
  };
}

/** The images a decision points at, filed as evidence and analysed by the local engine. */
export async function fetchDiditMedia(d: ServiceDeps, api: DiditApi, row: OutboxRecord): Promise<ConnectorOutcome> {
  const link = diditSessionLink(d, row);
  if ('ok' in link) return link;
  const filer = filerOf(d, link);
  if (!filer) return { ok: false, retryable: false, error: 'no operator to file the images under' };
  const images = Array.isArray(row.payload.images) ? row.payload.images.filter(isObject) : [];
  const files: { kind: EvidenceKind; sha256: string; mimeType: 'image/jpeg' | 'image/png'; byteSize: number; fileName: string }[] = [];
  for (const image of images) {
    const url = str(image.url);
    const kind = str(image.kind) as EvidenceKind | null;
    // Only from the configured Didit host: a decision must not make the workstation fetch anything else.
    if (!url || !kind || !sameOrigin(url, api.baseUrl)) continue;
    const { bytes } = await api.linked(url, MAX_EVIDENCE_BYTES);
    const mimeType = imageType(bytes);
    if (!mimeType) continue;
    files.push({ kind, sha256: d.evidenceFiles.put(bytes).sha256, mimeType, byteSize: bytes.length, fileName: `didit-${kind.toLowerCase()}.${mimeType === 'image/png' ? 'png' : 'jpg'}` });
  }
  return {
    ok: true,
    remoteId: link.remoteId,
    record: () => {
      if (files.length) fileEvidence(d, link.localId, filer, files, 'images');
      // The local engine still runs on what Didit captured (issue 11), in the background lane:
      // nobody at the desk waits on an imported case. A held approval waits on that analysis,
      // so it runs even when no image could be kept.
      const operator = d.operators.byId(filer);
      if (operator && (files.length || hasHeldDiditApproval(d, link.localId))) enqueueAnalysis(d, link.localId, operator, d.clock(), 'background');
    },
  };
}

function fileEvidence(d: ServiceDeps, caseId: string, filer: string, files: { kind: EvidenceKind; sha256: string; mimeType: 'image/jpeg' | 'image/png' | 'application/pdf'; byteSize: number; fileName: string }[], what: 'report' | 'images'): void {
  const c = d.cases.byId(caseId);
  if (!c) return;
  const at = d.clock().toISOString();
  for (const f of files) {
    const id = newId();
    d.evidenceRows.insert({ id, caseId, ...f, createdAt: at, createdBy: filer });
    d.audit.append({ at, actor: { id: null, name: SYNC_ACTOR.displayName }, type: 'evidence.added', caseId, profileId: c.profileId, payload: { evidenceId: id, kind: f.kind, sha256: f.sha256, byteSize: f.byteSize, via: 'didit', what, filedFor: filer } });
  }
  d.cases.touch(caseId, at);
  refreshKycLevel(d, caseId);
}

/** Evidence needs an operator: whoever opened the Didit session, else whoever decided last. */
export function filerOf(d: ServiceDeps, link: SyncLink): string | null {
  const requestedBy = str(link.extra.requestedBy);
  if (requestedBy && d.operators.byId(requestedBy)) return requestedBy;
  return d.decisions.forCase(link.localId).at(-1)?.actorId ?? null;
}
