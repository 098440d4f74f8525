import { z } from 'zod';
import { EVERYONE, INTAKE, op } from '../operationSpec';
import { INTAKE_DOCUMENT_MIME_TYPES } from '../schemas/intake';
import { uploadKeySchema, uploadSchema } from '../schemas/upload';

/**
 * LeapCat's upload utility: store a file, answer its key; `intake.attachUploads` files it with a
 * customer later. The REST API serves it at `/api/web/kycService/<key>`.
 */
export const uploadContract = {
  'uploads.put': op({
    input: z.object({
      fileName: z.string().trim().min(1, { error: 'fileName is required' }).max(255),
      mimeType: z.enum(INTAKE_DOCUMENT_MIME_TYPES, { error: 'file type must be JPG, PNG or PDF' }),
      dataBase64: z.string().min(1, { error: 'file is empty' }),
    }),
    output: uploadSchema,
    roles: INTAKE,
    mutates: true,
  }),
  /** The file behind a key: for the operator who uploaded it, or anyone who may read the case it was filed with. */
  'uploads.get': op({
    input: z.object({ key: uploadKeySchema }),
    output: uploadSchema.extend({ dataBase64: z.string() }),
    roles: EVERYONE,
    mutates: false,
  }),
} as const;
