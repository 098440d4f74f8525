import { ErrorCode } from '../../../shared/errorCodes';
import type { uploadContract } from '../../../shared/contracts/uploadContract';
import type { Upload } from '../../../shared/schemas/upload';
import { ServiceFailure } from '../core/ServiceFailure';
import { newId } from '../core/newId';
import { decodeUpload } from '../evidence/decodeUpload';
import type { StoredUpload } from '../repositories/UploadRepository';
import type { HandlerSlice } from './Handlers';

/** What callers see of a stored upload: not the internal id or who stored it. */
function publicUpload({ id: _id, createdBy: _by, ...u }: StoredUpload): Upload {
  return u;
}

export const uploadHandlers: HandlerSlice<keyof typeof uploadContract> = {
  async 'uploads.put'(input, { deps, now, tx, actor }) {
    // The same checks as any evidence: size, strict base64, and content that is really a JPG, PNG or PDF.
    const bytes = await decodeUpload(input.dataBase64, input.mimeType);
    // The file goes in first: if the transaction then fails, an unreferenced file is harmless,
    // and the key is only answered once its row is committed.
    const { sha256 } = deps.evidenceFiles.put(bytes);
    const id = newId();
    const at = now.toISOString();
    tx(() => {
      const repo = deps.uploads;
      repo.insert({ id, sha256, mimeType: input.mimeType, byteSize: bytes.length, fileName: input.fileName, at, by: actor.id });
      // No file name in the log: it often carries the customer's name.
      deps.audit.append({ at, actor: { id: actor.id, name: actor.displayName }, type: 'upload.stored', payload: { key: `uploads/${id}`, sha256, byteSize: bytes.length, mimeType: input.mimeType } });
    });
    return publicUpload(deps.uploads.byKey(`uploads/${id}`)!);
  },

  'uploads.get'(input, { deps, actor }) {
    const u = deps.uploads.byKey(input.key);
    // Until it is filed with a customer, only its uploader may read it; then it is the case's evidence.
    if (!u || (u.createdBy !== actor.id && u.attached === null) || !deps.evidenceFiles.has(u.sha256)) {
      throw new ServiceFailure(ErrorCode.NOT_FOUND, `no upload ${input.key} on this workstation`, 'key');
    }
    return { ...publicUpload(u), dataBase64: deps.evidenceFiles.get(u.sha256).toString('base64') };
  },
};
