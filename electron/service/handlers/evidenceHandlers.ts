import { ErrorCode } from '../../../shared/errorCodes';
import { CLOSED_STATUSES } from '../../../shared/caseStatus';
import type { Evidence } from '../../../shared/schemas/evidence';
import { ServiceFailure } from '../core/ServiceFailure';
import { newId } from '../core/newId';
import { loadCase, refreshKycLevel } from '../cases/caseWorkflow';
import { decodeUpload } from '../evidence/decodeUpload';
import type { HandlerSlice } from './Handlers';

export const evidenceHandlers: HandlerSlice<'evidence.add' | 'evidence.get'> = {
  async 'evidence.add'(input, { deps, now, tx, actor }) {
    const bytes = await decodeUpload(input.dataBase64, input.mimeType, 'a JPG, PNG, PDF or video');
    const c = loadCase(deps, input.caseId);
    if (CLOSED_STATUSES.includes(c.status)) {
      throw new ServiceFailure(ErrorCode.ILLEGAL_TRANSITION, `a ${c.status} case takes no new evidence`);
    }
    // The file goes in first: if the transaction then fails, an unreferenced file is harmless.
    const { sha256 } = deps.evidenceFiles.put(bytes);
    const evidence: Evidence = {
      id: newId(),
      caseId: c.id,
      kind: input.kind,
      sha256,
      mimeType: input.mimeType,
      byteSize: bytes.length,
      fileName: input.fileName,
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
  },

  'evidence.get'(input, { deps }) {
    const mimeType = deps.evidenceRows.mimeTypeInCase(input.caseId, input.sha256);
    if (!mimeType || !deps.evidenceFiles.has(input.sha256)) {
      throw new ServiceFailure(ErrorCode.NOT_FOUND, 'no such evidence file for this case', 'sha256');
    }
    return { mimeType, dataBase64: deps.evidenceFiles.get(input.sha256).toString('base64') };
  },
};
