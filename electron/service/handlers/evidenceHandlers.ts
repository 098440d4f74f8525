import { ErrorCode } from '../../../shared/errorCodes';
import { CLOSED_STATUSES } from '../../../shared/caseStatus';
import { MAX_EVIDENCE_BYTES, type Evidence } from '../../../shared/schemas/evidence';
import { ServiceFailure } from '../core/ServiceFailure';
import { newId } from '../core/newId';
import { loadCase, refreshKycLevel } from '../cases/caseWorkflow';
import { sniffMimeType } from '../evidence/sniffMimeType';
import type { HandlerSlice } from './Handlers';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export const evidenceHandlers: HandlerSlice<'evidence.add' | 'evidence.get'> = {
  'evidence.add'(input, { deps, now, tx, actor }) {
    // Size is checked on the encoded length first, before anything is decoded.
    if (Math.floor((input.dataBase64.length * 3) / 4) > MAX_EVIDENCE_BYTES + 3) {
      throw new ServiceFailure(ErrorCode.INVALID_EVIDENCE, `file is larger than ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB`, 'dataBase64');
    }
    if (input.dataBase64.length % 4 !== 0 || !BASE64.test(input.dataBase64)) {
      throw new ServiceFailure(ErrorCode.INVALID_EVIDENCE, 'file data is not valid base64', 'dataBase64');
    }
    const bytes = Buffer.from(input.dataBase64, 'base64');
    if (bytes.length === 0) throw new ServiceFailure(ErrorCode.INVALID_EVIDENCE, 'file is empty', 'dataBase64');
    const sniffed = sniffMimeType(bytes);
    if (sniffed !== input.mimeType) {
      throw new ServiceFailure(
        ErrorCode.INVALID_EVIDENCE,
        sniffed ? `file is ${sniffed}, not ${input.mimeType}` : 'file content is not a JPG, PNG, PDF or video',
        'mimeType',
      );
    }
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
