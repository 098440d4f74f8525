/**
 * Rejection reason taxonomy. As in Sumsub, each code is RETRY (the customer may fix it and
 * resubmit) or FINAL (the application is closed for good).
 */
export type ReasonKind = 'RETRY' | 'FINAL';

export const REASON_CODES = {
  BLURRY_DOCUMENT: { kind: 'RETRY', label: 'Document image is blurry or unreadable' },
  GLARE_ON_DOCUMENT: { kind: 'RETRY', label: 'Glare hides part of the document' },
  DOCUMENT_CUT_OFF: { kind: 'RETRY', label: 'Document is cropped or not fully visible' },
  DOCUMENT_EXPIRED: { kind: 'RETRY', label: 'Document has expired' },
  DOCUMENT_NOT_ACCEPTED: { kind: 'RETRY', label: 'Document type is not accepted for the country' },
  MISSING_BACK_SIDE: { kind: 'RETRY', label: 'The back of the document is missing' },
  SELFIE_QUALITY: { kind: 'RETRY', label: 'Selfie is unusable (dark, blurred, face hidden)' },
  LIVENESS_FAILED: { kind: 'RETRY', label: 'Liveness challenge was not completed' },
  DATA_MISMATCH: { kind: 'RETRY', label: 'Entered data does not match the document' },
  FACE_MISMATCH: { kind: 'FINAL', label: 'Selfie does not match the document portrait' },
  SUSPECTED_FORGERY: { kind: 'FINAL', label: 'Document appears forged or tampered' },
  PRESENTATION_ATTACK: { kind: 'FINAL', label: 'Selfie is a photo, screen or mask' },
  UNDERAGE: { kind: 'FINAL', label: 'Applicant is under 18' },
  BLOCKLISTED: { kind: 'FINAL', label: 'Face or document is on the blocklist' },
  DUPLICATE_ACCOUNT: { kind: 'FINAL', label: 'Applicant already has another profile' },
  SANCTIONS_MATCH: { kind: 'FINAL', label: 'Applicant matches a sanctions or PEP list' },
  FRAUDULENT_BEHAVIOUR: { kind: 'FINAL', label: 'Fraudulent behaviour during onboarding' },
} as const satisfies Record<string, { kind: ReasonKind; label: string }>;

export type ReasonCode = keyof typeof REASON_CODES;
export const REASON_CODE_LIST = Object.keys(REASON_CODES) as ReasonCode[];

export function reasonKind(code: ReasonCode): ReasonKind {
  return REASON_CODES[code].kind;
}
