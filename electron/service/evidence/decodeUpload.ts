import { ErrorCode } from '../../../shared/errorCodes';
import { MAX_EVIDENCE_BYTES } from '../../../shared/schemas/evidence';
import { ServiceFailure } from '../core/ServiceFailure';
import { sniffMimeType } from './sniffMimeType';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The evidence rules for an uploaded file (evidence.add, and onboarding files that arrive
 * before their case exists): size on the encoded length before anything is decoded, strict
 * base64, and content that really is the declared type. `accepted` names the allowed kinds.
 */
export async function decodeUpload(dataBase64: string, mimeType: string, accepted = 'a JPG, PNG or PDF'): Promise<Buffer> {
  if (Math.floor((dataBase64.length * 3) / 4) > MAX_EVIDENCE_BYTES + 3) {
    throw new ServiceFailure(ErrorCode.INVALID_EVIDENCE, `file is larger than ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB`, 'dataBase64');
  }
  if (dataBase64.length % 4 !== 0 || !BASE64.test(dataBase64)) {
    throw new ServiceFailure(ErrorCode.INVALID_EVIDENCE, 'file data is not valid base64', 'dataBase64');
  }
  const bytes = Buffer.from(dataBase64, 'base64');
  if (bytes.length === 0) throw new ServiceFailure(ErrorCode.INVALID_EVIDENCE, 'file is empty', 'dataBase64');
  const sniffed = await sniffMimeType(bytes);
  if (sniffed !== mimeType) {
    throw new ServiceFailure(ErrorCode.INVALID_EVIDENCE, sniffed ? `file is ${sniffed}, not ${mimeType}` : `file content is not ${accepted}`, 'mimeType');
  }
  return bytes;
}
