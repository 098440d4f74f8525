import { z } from 'zod';
import { INTAKE_DOCUMENT_KINDS, INTAKE_DOCUMENT_MIME_TYPES } from './intake';
import { textError } from './common';

/**
 * LeapCat's upload utility (`upload --file <path> --json` answers `{url, key}`): a file stored
 * on the workstation before anyone says which customer or which side of a document it is.
 * `kyc documents` and `kyc supplementary` then name it by its key or its URL.
 */

/** `uploads/` and an opaque id, as LeapCat's keys look. */
export const UPLOAD_KEY_PATTERN = /^uploads\/[A-Za-z0-9-]{1,64}$/;

export const uploadKeySchema = z
  .string({ error: textError('key') })
  .trim()
  .regex(UPLOAD_KEY_PATTERN, { error: 'not an upload key (uploads/...) from this workstation' });

/** Where the server serves an upload to a caller with a token: the kycService base and the key. */
export const UPLOAD_BASE_PATH = '/api/web/kycService/';

export function uploadPath(key: string): string {
  return `${UPLOAD_BASE_PATH}${key}`;
}

/**
 * The key behind what a user pastes: the key itself or the URL `upload` printed. Null when it is
 * neither (for example a URL of another service: the workstation fetches nothing from outside).
 */
export function uploadKeyOf(reference: string): string | null {
  const ref = reference.trim();
  if (UPLOAD_KEY_PATTERN.test(ref)) return ref;
  let path: string;
  try {
    path = new URL(ref).pathname;
  } catch {
    return null;
  }
  if (!path.startsWith(UPLOAD_BASE_PATH)) return null;
  const key = path.slice(UPLOAD_BASE_PATH.length);
  return UPLOAD_KEY_PATTERN.test(key) ? key : null;
}

export const uploadSchema = z.object({
  key: z.string(),
  fileName: z.string(),
  mimeType: z.enum(INTAKE_DOCUMENT_MIME_TYPES),
  byteSize: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
  /** Null until the upload is filed with a customer as one kind of document. */
  attached: z.object({ profileId: z.string(), kind: z.enum(INTAKE_DOCUMENT_KINDS), documentId: z.string().nullable(), at: z.string() }).nullable(),
});
export type Upload = z.infer<typeof uploadSchema>;
