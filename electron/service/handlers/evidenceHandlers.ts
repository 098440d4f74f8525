import { ErrorCode } from '../../../shared/errorCodes';
import { ServiceFailure } from '../core/ServiceFailure';
import { addEvidence } from '../evidence/addEvidence';
import { decodeUpload } from '../evidence/decodeUpload';
import type { HandlerSlice } from './Handlers';

export const evidenceHandlers: HandlerSlice<'evidence.add' | 'evidence.get'> = {
  async 'evidence.add'(input, ctx) {
    const bytes = await decodeUpload(input.dataBase64, input.mimeType, 'a JPG, PNG, PDF or video');
    return addEvidence(ctx, input, bytes);
  },

  'evidence.get'(input, { deps }) {
    const mimeType = deps.evidenceRows.mimeTypeInCase(input.caseId, input.sha256);
    if (!mimeType || !deps.evidenceFiles.has(input.sha256)) {
      throw new ServiceFailure(ErrorCode.NOT_FOUND, 'no such evidence file for this case', 'sha256');
    }
    return { mimeType, dataBase64: deps.evidenceFiles.get(input.sha256).toString('base64') };
  },
};
