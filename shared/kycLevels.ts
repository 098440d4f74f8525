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
  /** What is still missing for the next level (keys the UI words). */
  missingForNext: KycMissingKey[];
}

/**
 * What a level can be missing. The API answers these keys; the UI words each in its language
 * (i18n `kycMissing`), so nothing maps English back to a key.
 */
export const KYC_MISSING_KEYS = ['personalData', 'identityDocument', 'registrationDocument', 'selfie', 'approvedReview', 'investmentProfile', 'amlProfile', 'sourceOfFunds'] as const;
export type KycMissingKey = (typeof KYC_MISSING_KEYS)[number];

export function computeKycLevel(f: KycLevelFacts): KycLevelResult {
  const l1Missing: KycMissingKey[] = f.basicDataValid ? [] : ['personalData'];
  if (l1Missing.length) return { level: 'L0', missingForNext: l1Missing };
  const l2Missing: KycMissingKey[] = [
    ...(f.hasDocumentFront ? [] : [f.company ? ('registrationDocument' as const) : ('identityDocument' as const)]),
    ...(f.hasSelfie || f.company ? [] : (['selfie'] as const)),
    ...(f.approved ? [] : (['approvedReview'] as const)),
  ];
  if (l2Missing.length) return { level: 'L1', missingForNext: l2Missing };
  const l3Missing: KycMissingKey[] = [
    ...(f.hasInvestmentProfile ? [] : (['investmentProfile'] as const)),
    ...(f.hasKycProfile ? [] : (['amlProfile'] as const)),
    ...(f.hasSourceOfFundsEvidence ? [] : (['sourceOfFunds'] as const)),
  ];
  if (l3Missing.length) return { level: 'L2', missingForNext: l3Missing };
  return { level: 'L3', missingForNext: [] };
}
