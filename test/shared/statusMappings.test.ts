import { describe, expect, it } from 'vitest';
import { CASE_STATUSES } from '../../shared/caseStatus';
import {
  DIDIT_STATUSES,
  LEAPCAT_STATUSES,
  fromDidit,
  fromKycServiceAdminStatus,
  fromKycServiceSubmitResult,
  fromLeapCat,
  toDidit,
  toKycServiceAdminStatus,
  toKycServiceSubmitResult,
  toLeapCat,
} from '../../shared/statusMappings';

describe('LeapCat mapping', () => {
  it('maps every canonical status and round-trips LeapCat values', () => {
    for (const s of CASE_STATUSES) expect(LEAPCAT_STATUSES).toContain(toLeapCat(s));
    for (const l of LEAPCAT_STATUSES) expect(toLeapCat(fromLeapCat(l))).toBe(l);
  });
  it('keeps the documented LeapCat names and hides the four-eyes step from customers', () => {
    expect(toLeapCat('NOT_STARTED')).toBe('NOT_STARTED');
    expect(toLeapCat('APPROVED')).toBe('APPROVED');
    expect(toLeapCat('REJECTED')).toBe('REJECTED');
    expect(toLeapCat('AWAITING_SECOND_REVIEW')).toBe(toLeapCat('IN_REVIEW'));
    expect(fromLeapCat('SUPPLEMENTARY_REQUIRED')).toBe('RESUBMISSION_REQUESTED');
  });
});

describe('kycService mapping', () => {
  it('submit results: 1 auto-approved, 2 manual review, 3 user-modified review', () => {
    expect(fromKycServiceSubmitResult(1)).toBe('APPROVED');
    expect(fromKycServiceSubmitResult(2)).toBe('IN_REVIEW');
    expect(fromKycServiceSubmitResult(3)).toBe('IN_REVIEW');
    expect(toKycServiceSubmitResult('APPROVED', false, 'engine')).toBe(1);
    // An officer's approval went through manual review: never reported as auto-approved.
    expect(toKycServiceSubmitResult('APPROVED', false, 'officer')).toBe(2);
    expect(toKycServiceSubmitResult('APPROVED', true, 'officer')).toBe(3);
    expect(toKycServiceSubmitResult('IN_REVIEW', false)).toBe(2);
    expect(toKycServiceSubmitResult('IN_REVIEW', true)).toBe(3);
    expect(toKycServiceSubmitResult('NOT_STARTED', false)).toBeNull();
  });
  it('admin statuses: -1 rejected, 0 pending, 2 approved, and back', () => {
    expect(fromKycServiceAdminStatus(-1)).toBe('REJECTED');
    expect(fromKycServiceAdminStatus(0)).toBe('IN_REVIEW');
    expect(fromKycServiceAdminStatus(2)).toBe('APPROVED');
    for (const code of [-1, 0, 2] as const) expect(toKycServiceAdminStatus(fromKycServiceAdminStatus(code))).toBe(code);
    expect(toKycServiceAdminStatus('IN_PROGRESS')).toBeNull();
  });
});

describe('Didit mapping', () => {
  it('uses Didit’s exact strings and maps every status both ways', () => {
    for (const s of CASE_STATUSES) expect(DIDIT_STATUSES).toContain(toDidit(s));
    for (const d of DIDIT_STATUSES) expect(CASE_STATUSES).toContain(fromDidit(d));
    expect(toDidit('REJECTED')).toBe('Declined');
    expect(toDidit('RESUBMISSION_REQUESTED')).toBe('Resubmitted');
    expect(fromDidit('In Review')).toBe('IN_REVIEW');
    expect(fromDidit('Abandoned')).toBe('EXPIRED');
  });
  it('round-trips the statuses Didit has one name for', () => {
    for (const s of ['NOT_STARTED', 'IN_PROGRESS', 'IN_REVIEW', 'APPROVED', 'REJECTED', 'RESUBMISSION_REQUESTED', 'EXPIRED'] as const) {
      expect(fromDidit(toDidit(s))).toBe(s);
    }
  });
});
