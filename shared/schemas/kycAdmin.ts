import { z } from 'zod';
import { caseStatusSchema } from './case';

/** A case as kycService's admin API reports it: its numeric codes beside our canonical status. */
export const kycAdminItemSchema = z.object({
  profileId: z.string(),
  caseId: z.string(),
  /** kycService's numeric documentId. */
  documentId: z.number().int(),
  name: z.string(),
  type: z.enum(['PERSON', 'COMPANY']),
  /** Admin status: -1 rejected, 0 pending review, 2 approved; null before submission. */
  status: z.union([z.literal(-1), z.literal(0), z.literal(2)]).nullable(),
  /** Submit result: 1 auto-approved, 2 manual review, 3 user-modified review. */
  submitResult: z.union([z.literal(1), z.literal(2), z.literal(3)]).nullable(),
  caseStatus: caseStatusSchema,
  remark: z.string().nullable(),
  updatedAt: z.string(),
});
export type KycAdminItem = z.infer<typeof kycAdminItemSchema>;
