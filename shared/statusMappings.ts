import type { CaseStatus } from './caseStatus';

/**
 * Explicit translation tables between our canonical case status and the four seed
 * vocabularies. Outbound maps are total (every canonical status has an answer); inbound maps
 * name exactly the values each vocabulary defines.
 */

// LeapCat's `kyc status` vocabulary. Its public docs name NOT_STARTED, APPROVED and REJECTED;
// the in-between values follow its flow (consent -> documents -> submit -> review).
export const LEAPCAT_STATUSES = [
  'NOT_STARTED',
  'IN_PROGRESS',
  'SUBMITTED',
  'UNDER_REVIEW',
  'SUPPLEMENTARY_REQUIRED',
  'APPROVED',
  'REJECTED',
  'EXPIRED',
] as const;
export type LeapCatStatus = (typeof LEAPCAT_STATUSES)[number];

const TO_LEAPCAT: Record<CaseStatus, LeapCatStatus> = {
  NOT_STARTED: 'NOT_STARTED',
  IN_PROGRESS: 'IN_PROGRESS',
  SUBMITTED: 'SUBMITTED',
  IN_REVIEW: 'UNDER_REVIEW',
  // The customer does not see the four-eyes step: it is still under review to them.
  AWAITING_SECOND_REVIEW: 'UNDER_REVIEW',
  RESUBMISSION_REQUESTED: 'SUPPLEMENTARY_REQUIRED',
  APPROVED: 'APPROVED',
  REJECTED: 'REJECTED',
  EXPIRED: 'EXPIRED',
};
const FROM_LEAPCAT: Record<LeapCatStatus, CaseStatus> = {
  NOT_STARTED: 'NOT_STARTED',
  IN_PROGRESS: 'IN_PROGRESS',
  SUBMITTED: 'SUBMITTED',
  UNDER_REVIEW: 'IN_REVIEW',
  SUPPLEMENTARY_REQUIRED: 'RESUBMISSION_REQUESTED',
  APPROVED: 'APPROVED',
  REJECTED: 'REJECTED',
  EXPIRED: 'EXPIRED',
};
export const toLeapCat = (s: CaseStatus): LeapCatStatus => TO_LEAPCAT[s];
export const fromLeapCat = (s: LeapCatStatus): CaseStatus => FROM_LEAPCAT[s];

// kycService: the submit result codes, and the admin review statuses.
export const KYC_SERVICE_SUBMIT_RESULTS = [1, 2, 3] as const;
export type KycServiceSubmitResult = (typeof KYC_SERVICE_SUBMIT_RESULTS)[number];
/** 1 auto-approved, 2 manual review, 3 manual review because the user modified OCR fields. */
export function fromKycServiceSubmitResult(r: KycServiceSubmitResult): CaseStatus {
  return r === 1 ? 'APPROVED' : 'IN_REVIEW';
}
/**
 * The submit result of an application: 1 only when the engine approved it on submission, not
 * after an officer approved it (that went through manual review: 2, or 3 if user-modified).
 */
export function toKycServiceSubmitResult(status: CaseStatus, userModified: boolean, approvedBy: 'engine' | 'officer' = 'officer'): KycServiceSubmitResult | null {
  if (status === 'APPROVED') return approvedBy === 'engine' ? 1 : userModified ? 3 : 2;
  if (status === 'SUBMITTED' || status === 'IN_REVIEW' || status === 'AWAITING_SECOND_REVIEW') return userModified ? 3 : 2;
  return null;
}

export const KYC_SERVICE_ADMIN_STATUSES = [-1, 0, 2] as const;
export type KycServiceAdminStatus = (typeof KYC_SERVICE_ADMIN_STATUSES)[number];
/** -1 rejected, 0 pending review, 2 approved. */
const FROM_ADMIN: Record<`${KycServiceAdminStatus}`, CaseStatus> = { '-1': 'REJECTED', '0': 'IN_REVIEW', '2': 'APPROVED' };
export const fromKycServiceAdminStatus = (s: KycServiceAdminStatus): CaseStatus => FROM_ADMIN[`${s}`];
export function toKycServiceAdminStatus(s: CaseStatus): KycServiceAdminStatus | null {
  if (s === 'APPROVED') return 2;
  if (s === 'REJECTED') return -1;
  if (s === 'SUBMITTED' || s === 'IN_REVIEW' || s === 'AWAITING_SECOND_REVIEW') return 0;
  return null;
}

// Didit's session statuses (exact, case-sensitive strings).
export const DIDIT_STATUSES = [
  'Not Started',
  'In Progress',
  'In Review',
  'Approved',
  'Declined',
  'Resubmitted',
  'Expired',
  'Abandoned',
  'Kyc Expired',
] as const;
export type DiditStatus = (typeof DIDIT_STATUSES)[number];

const TO_DIDIT: Record<CaseStatus, DiditStatus> = {
  NOT_STARTED: 'Not Started',
  IN_PROGRESS: 'In Progress',
  SUBMITTED: 'In Review',
  IN_REVIEW: 'In Review',
  AWAITING_SECOND_REVIEW: 'In Review',
  RESUBMISSION_REQUESTED: 'Resubmitted',
  APPROVED: 'Approved',
  REJECTED: 'Declined',
  EXPIRED: 'Expired',
};
const FROM_DIDIT: Record<DiditStatus, CaseStatus> = {
  'Not Started': 'NOT_STARTED',
  'In Progress': 'IN_PROGRESS',
  'In Review': 'IN_REVIEW',
  Approved: 'APPROVED',
  Declined: 'REJECTED',
  Resubmitted: 'RESUBMISSION_REQUESTED',
  Expired: 'EXPIRED',
  // Started but never finished: for us the application lapsed.
  Abandoned: 'EXPIRED',
  // Approved once, but the verified document has since expired.
  'Kyc Expired': 'EXPIRED',
};
export const toDidit = (s: CaseStatus): DiditStatus => TO_DIDIT[s];
export const fromDidit = (s: DiditStatus): CaseStatus => FROM_DIDIT[s];
/**
 * The statuses a client may set with `PATCH /v3/session/{id}/update-status/` (the seed shows
 * Approved and Resubmitted; Didit's docs add Declined). An officer's decision reaches Didit only
 * when it maps (toDidit) onto one of these.
 */
export const DIDIT_UPDATABLE_STATUSES = ['Approved', 'Declined', 'Resubmitted'] as const satisfies readonly DiditStatus[];
export type DiditUpdatableStatus = (typeof DIDIT_UPDATABLE_STATUSES)[number];
export const isDiditUpdatable = (s: DiditStatus): s is DiditUpdatableStatus => (DIDIT_UPDATABLE_STATUSES as readonly DiditStatus[]).includes(s);
