import { z } from 'zod';
import { CASE_STATUSES } from '../caseStatus';
import { REASON_CODE_LIST, type ReasonCode } from '../reasonCodes';

export const DECISION_STATES = ['final', 'proposed', 'confirmed', 'returned'] as const;

export const DECISION_ACTIONS = ['approve', 'reject', 'request_resubmission', 'reset'] as const;
export type DecisionAction = (typeof DECISION_ACTIONS)[number];

/** What a resubmission request can ask for again, as Didit's nodes_to_resubmit. */
export const RESUBMIT_ITEMS = ['DOCUMENT_FRONT', 'DOCUMENT_BACK', 'SELFIE', 'LIVENESS'] as const;
export type ResubmitItem = (typeof RESUBMIT_ITEMS)[number];
/** What a company can be asked for again: it has no face (its owners are verified in their own cases). */
export function resubmitItemsFor(profileType: 'PERSON' | 'COMPANY'): readonly ResubmitItem[] {
  return profileType === 'COMPANY' ? RESUBMIT_ITEMS.filter((i) => i !== 'SELFIE' && i !== 'LIVENESS') : RESUBMIT_ITEMS;
}

export const reasonCodeSchema = z.enum(REASON_CODE_LIST as [ReasonCode, ...ReasonCode[]], {
  error: 'unknown reason code',
});

export const decisionInputSchema = z.object({
  caseId: z.string().min(1),
  action: z.enum(DECISION_ACTIONS),
  reasonCode: reasonCodeSchema.optional(),
  internalComment: z.string().trim().max(4000).default(''),
  customerMessage: z.string().trim().max(2000).default(''),
  resubmitItems: z.array(z.enum(RESUBMIT_ITEMS)).default([]),
  /** The case version the officer was looking at; a newer case refuses the decision. */
  expectedVersion: z.number().int().min(1),
});
export type DecisionInput = z.input<typeof decisionInputSchema>;

export const decisionSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  actorId: z.string(),
  actorName: z.string(),
  action: z.enum(DECISION_ACTIONS),
  fromStatus: z.enum(CASE_STATUSES),
  toStatus: z.enum(CASE_STATUSES),
  reasonCode: reasonCodeSchema.nullable(),
  reasonKind: z.enum(['RETRY', 'FINAL']).nullable(),
  internalComment: z.string(),
  customerMessage: z.string(),
  resubmitItems: z.array(z.enum(RESUBMIT_ITEMS)),
  at: z.string(),
  /** final: took effect at once; proposed: waits for a second reviewer; then confirmed or returned. */
  state: z.enum(DECISION_STATES),
  /** Why the policy asked for a second pair of eyes. */
  fourEyesReason: z.string().nullable(),
  reviewerId: z.string().nullable(),
  reviewerName: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewComment: z.string().nullable(),
});
export type Decision = z.infer<typeof decisionSchema>;

/** A decision that took effect: final at once, or confirmed by the second reviewer (a proposal is not one until then). */
export const isInEffect = (d: Pick<Decision, 'state'>): boolean => d.state === 'final' || d.state === 'confirmed';

export const secondReviewInputSchema = z.object({
  decisionId: z.string().min(1),
  verdict: z.enum(['confirm', 'return']),
  comment: z.string().trim().max(4000).default(''),
  expectedVersion: z.number().int().min(1),
});
