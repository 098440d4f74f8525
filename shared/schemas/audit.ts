import { z } from 'zod';

export const auditEventSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  type: z.string(),
  caseId: z.string().nullable(),
  profileId: z.string().nullable(),
  /** Event details (old and new values, reasons). Null once purged under retention. */
  payload: z.record(z.string(), z.unknown()).nullable(),
  payloadHash: z.string(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const chainVerificationSchema = z.object({
  valid: z.boolean(),
  checked: z.number().int(),
  headHash: z.string().nullable(),
  /** The first row whose hash, link or payload does not verify. */
  firstBroken: z.object({ seq: z.number().int(), problem: z.string() }).nullable(),
});
export type ChainVerification = z.infer<typeof chainVerificationSchema>;
