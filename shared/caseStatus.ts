/**
 * The one canonical case status machine. Every external vocabulary (LeapCat, kycService,
 * Didit) maps onto these states in statusMappings.ts; nothing else defines transitions.
 */
export const CASE_STATUSES = [
  'NOT_STARTED',
  'IN_PROGRESS',
  'SUBMITTED',
  'IN_REVIEW',
  'AWAITING_SECOND_REVIEW',
  'RESUBMISSION_REQUESTED',
  'APPROVED',
  'REJECTED',
  'EXPIRED',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

const TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  NOT_STARTED: ['IN_PROGRESS', 'EXPIRED'],
  IN_PROGRESS: ['SUBMITTED', 'EXPIRED'],
  // SUBMITTED -> APPROVED/REJECTED covers the engine's automatic outcomes (kycService result 1).
  SUBMITTED: ['IN_REVIEW', 'APPROVED', 'REJECTED'],
  IN_REVIEW: ['APPROVED', 'REJECTED', 'RESUBMISSION_REQUESTED', 'AWAITING_SECOND_REVIEW'],
  // The second reviewer confirms (final state) or sends it back to IN_REVIEW.
  AWAITING_SECOND_REVIEW: ['APPROVED', 'REJECTED', 'RESUBMISSION_REQUESTED', 'IN_REVIEW'],
  RESUBMISSION_REQUESTED: ['IN_PROGRESS', 'SUBMITTED', 'EXPIRED', 'IN_REVIEW'],
  // A reset reopens a closed case for review; nothing is deleted, the history stays.
  APPROVED: ['IN_REVIEW', 'EXPIRED'],
  REJECTED: ['IN_REVIEW'],
  EXPIRED: ['IN_PROGRESS'],
};

export function allowedTransitions(from: CaseStatus): readonly CaseStatus[] {
  return TRANSITIONS[from];
}

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** States in which the case is closed: retention periods count from here. */
export const CLOSED_STATUSES: readonly CaseStatus[] = ['APPROVED', 'REJECTED', 'EXPIRED'];

/**
 * States in which the application waits on the customer: onboarding may still change the file,
 * and an application left in one longer than the policy's applicationExpiryDays without any
 * activity expires (Didit: an unfinished session expires). The states after submission wait on
 * us, so they never expire.
 */
export const AWAITING_CUSTOMER_STATUSES: readonly CaseStatus[] = ['NOT_STARTED', 'IN_PROGRESS', 'RESUBMISSION_REQUESTED'];

/** States that sit in the officers' queue. */
export const REVIEWABLE_STATUSES: readonly CaseStatus[] = ['SUBMITTED', 'IN_REVIEW', 'AWAITING_SECOND_REVIEW'];
