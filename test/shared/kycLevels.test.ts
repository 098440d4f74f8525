import { describe, expect, it } from 'vitest';
import { computeKycLevel, type KycLevelFacts } from '../../shared/kycLevels';
import { resubmitItemsFor } from '../../shared/schemas/decision';

const none: KycLevelFacts = {
  company: false,
  basicDataValid: false,
  hasDocumentFront: false,
  hasSelfie: false,
  approved: false,
  hasInvestmentProfile: false,
  hasKycProfile: false,
  hasSourceOfFundsEvidence: false,
};

describe('KYC levels are earned by what was verified', () => {
  it('climbs L0 → L3 as evidence accrues, and says what is missing', () => {
    expect(computeKycLevel(none)).toEqual({ level: 'L0', missingForNext: ['personalData'] });
    const l1 = { ...none, basicDataValid: true };
    expect(computeKycLevel(l1)).toEqual({ level: 'L1', missingForNext: ['identityDocument', 'selfie', 'approvedReview'] });
    const l2 = { ...l1, hasDocumentFront: true, hasSelfie: true, approved: true };
    expect(computeKycLevel(l2).level).toBe('L2');
    expect(computeKycLevel({ ...l2, hasInvestmentProfile: true, hasKycProfile: true, hasSourceOfFundsEvidence: true })).toEqual({ level: 'L3', missingForNext: [] });
  });

  it('asks a company for its registration document, never for a selfie (its owners are verified in their own cases)', () => {
    const company = { ...none, company: true, basicDataValid: true };
    expect(computeKycLevel(company)).toEqual({ level: 'L1', missingForNext: ['registrationDocument', 'approvedReview'] });
    expect(computeKycLevel({ ...company, hasDocumentFront: true, approved: true }).level).toBe('L2');
  });

  it('never grants L2 without an approved review, whatever was uploaded', () => {
    expect(computeKycLevel({ ...none, basicDataValid: true, hasDocumentFront: true, hasSelfie: true, hasInvestmentProfile: true, hasKycProfile: true, hasSourceOfFundsEvidence: true }).level).toBe('L1');
  });
});

describe('what a case can be asked to resubmit', () => {
  it('never asks a company for a selfie or a liveness check, which its onboarding does not have', () => {
    expect(resubmitItemsFor('COMPANY')).toEqual(['DOCUMENT_FRONT', 'DOCUMENT_BACK']);
    expect(resubmitItemsFor('PERSON')).toEqual(['DOCUMENT_FRONT', 'DOCUMENT_BACK', 'SELFIE', 'LIVENESS']);
  });
});
