import { z } from 'zod';
import { engineTextSchema } from './engineText';
import { OUTBOX_STATUSES } from './sync';

export const FLAG_KINDS = ['BLOCKLIST_FACE', 'BLOCKLIST_DOCUMENT', 'DUPLICATE_DOCUMENT', 'DUPLICATE_FACE'] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];

export const caseFlagSchema = z.object({
  id: z.string(),
  kind: z.enum(FLAG_KINDS),
  /** The other case that matched (duplicates, and the blocklisted source case). */
  otherCaseId: z.string().nullable(),
  otherCaseName: z.string().nullable(),
  blocklistId: z.string().nullable(),
  /** Face similarity for face matches. */
  score: z.number().nullable(),
  /**
   * A face match read by one model's similarity, not the fused score the policy's threshold was
   * set for (one of the two faces was stored by an earlier face engine): less certain at the
   * threshold, so a blocklist hit goes to review.
   */
  singleModel: z.boolean(),
  detail: z.string(),
  /** `detail` as words for the UI's language (absent on flags raised before it existed). */
  detailText: engineTextSchema.nullable(),
  createdAt: z.string(),
});
export type CaseFlag = z.infer<typeof caseFlagSchema>;

export const blocklistEntrySchema = z.object({
  id: z.string(),
  kind: z.enum(['FACE', 'DOCUMENT']),
  documentType: z.string().nullable(),
  documentNumber: z.string().nullable(),
  documentCountry: z.string().nullable(),
  sourceCaseId: z.string(),
  sourceCaseName: z.string(),
  reason: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type BlocklistEntry = z.infer<typeof blocklistEntrySchema>;

/**
 * What of a case the blocklist can take, here and at Didit, and what was asked of Didit's blocklist
 * (electron/service/screening/blocklistTargets.ts). Didit's API only adds and cannot be read back,
 * so its requests are all the workstation knows of Didit's list.
 */
export const blocklistTargetsSchema = z.object({
  /** An analysed selfie's face, blocklisted here (and at Didit when it captured one too). */
  localFace: z.boolean(),
  /** The case's linked Didit session captured a face (liveness or face match) / verified a document. */
  diditFace: z.boolean(),
  diditDocument: z.boolean(),
  /** Requests to Didit's blocklist for this case, oldest first. */
  diditRequests: z.array(
    z.object({
      id: z.string(),
      face: z.boolean(),
      document: z.boolean(),
      status: z.enum(OUTBOX_STATUSES),
      /** Why it failed (HTTP status and code, never Didit's body). */
      lastError: z.string().nullable(),
      at: z.string(),
    }),
  ),
});
export type BlocklistTargets = z.infer<typeof blocklistTargetsSchema>;
