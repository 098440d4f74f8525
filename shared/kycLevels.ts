/**
 * KYC levels as in KillB: a level is earned by what was verified, never set by hand.
 * L0 registered, L1 basic data validated, L2 identity verified (document images, selfie and
 * an approved review; a company has no selfie, its owners are verified in their own cases), L3 enhanced due diligence (L2 plus investment and AML profiles and
 * source-of-funds evidence).
 */
export const KYC_LEVELS = ['L0', 'L1', 'L2', 'L3'] as const;
export type KycLevel = (typeof KYC_LEVELS)[number];

export interface KycLevelFacts {
  /** A company shows a registration document and no face. */
  company: boolean;
  /** All required personal or company fields present and valid. */
  basicDataValid: boolean;
  hasDocumentFront: boolean;
  hasSelfie: boolean;
  approved: boolean;
  hasInvestmentProfile: boolean;
  hasKycProfile: boolean;
  hasSourceOfFundsEvidence: boolean;
}

export interface KycLevelResult {
  level: KycLevel;
  /** What is still missing for the next level, in words an officer can act on. */
  missingForNext: string[];
}

/** What a level can be missing, in the English the API answers; the UI words each by its key. */
export const KYC_MISSING = {
  personalData: 'complete and valid personal data',
  identityDocument: 'identity document image',
  registrationDocument: 'registration document image',
  selfie: 'selfie',
  approvedReview: 'approved review',
  investmentProfile: 'investment profile',
  amlProfile: 'AML/KYC profile',
  sourceOfFunds: 'source-of-funds document',
} as const;
export type KycMissingKey = keyof typeof KYC_MISSING;
const M = KYC_MISSING;

export function computeKycLevel(f: KycLevelFacts): KycLevelResult {
  const l1Missing = f.basicDataValid ? [] : [M.personalData];
  if (l1Missing.length) return { level: 'L0', missingForNext: l1Missing };
  const l2Missing = [
    ...(f.hasDocumentFront ? [] : [f.company ? M.registrationDocument : M.identityDocument]),
    ...(f.hasSelfie || f.company ? [] : [M.selfie]),
    ...(f.approved ? [] : [M.approvedReview]),
  ];
  if (l2Missing.length) return { level: 'L1', missingForNext: l2Missing };
  const l3Missing = [
    ...(f.hasInvestmentProfile ? [] : [M.investmentProfile]),
    ...(f.hasKycProfile ? [] : [M.amlProfile]),
    ...(f.hasSourceOfFundsEvidence ? [] : [M.sourceOfFunds]),
  ];
  if (l3Missing.length) return { level: 'L2', missingForNext: l3Missing };
  return { level: 'L3', missingForNext: [] };
}
