import { ErrorCode } from '../../../shared/errorCodes';
import { CLOSED_STATUSES } from '../../../shared/caseStatus';
import type { Evidence } from '../../../shared/schemas/evidence';
import { ServiceFailure } from '../core/ServiceFailure';
import { newId } from '../core/newId';
import { loadCase, refreshKycLevel } from '../cases/caseWorkflow';
import type { AuthedContext } from '../handlers/Handlers';

/**
 * Stores already decoded bytes as a case's evidence, audited, and refreshes the case's KYC level.
 * Callers decode the upload once (decodeUpload) and may look at the bytes first, as onboarding
 * does with a selfie.
 */
export function addEvidence({ deps, now, tx, actor }: AuthedContext, file: { caseId: string; kind: Evidence['kind']; fileName: string; mimeType: Evidence['mimeType'] }, bytes: Buffer): Evidence {
  const c = loadCase(deps, file.caseId);
  if (CLOSED_STATUSES.includes(c.status)) {
    throw new ServiceFailure(ErrorCode.ILLEGAL_TRANSITION, `a ${c.status} case takes no new evidence`);
  }
  // The file goes in first: if the transaction then fails, an unreferenced file is harmless.
  const { sha256 } = deps.evidenceFiles.put(bytes);
  const evidence: Evidence = {
    id: newId(),
    caseId: c.id,
    kind: file.kind,
    sha256,
    mimeType: file.mimeType,
    byteSize: bytes.length,
    fileName: file.fileName,
    createdAt: now.toISOString(),
    createdBy: actor.id,
  };
  tx(() => {
    deps.evidenceRows.insert(evidence);
    deps.cases.touch(c.id, evidence.createdAt);
    deps.audit.append({
      at: evidence.createdAt,
      actor: { id: actor.id, name: actor.displayName },
      type: 'evidence.added',
      caseId: c.id,
      profileId: c.profileId,
      payload: { evidenceId: evidence.id, kind: evidence.kind, sha256, byteSize: evidence.byteSize },
    });
    refreshKycLevel(deps, c.id);
  });
  return evidence;
}
