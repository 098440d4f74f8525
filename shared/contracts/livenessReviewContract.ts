import { z } from 'zod';
import { livenessSessionSchema } from '../schemas/liveness';
import { EVERYONE, op } from '../operationSpec';

/** Reading liveness results in case review: a case's sessions, and their key-frame thumbnails. */
export const livenessReviewContract = {
  /** Every liveness session of a case, newest first. */
  'liveness.forCase': op({ input: z.object({ caseId: z.string().min(1) }), output: z.array(livenessSessionSchema), roles: EVERYONE, mutates: false }),
  /** One key frame of a verified session; only hashes the session lists are served. */
  'liveness.frame': op({
    input: z.object({ sessionId: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
    output: z.object({ mimeType: z.literal('image/jpeg'), dataBase64: z.string() }),
    roles: EVERYONE,
    mutates: false,
  }),
} as const;
