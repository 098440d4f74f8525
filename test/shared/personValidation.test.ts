import { describe, expect, it } from 'vitest';
import { companyInputSchema, personInputSchema } from '../../shared/schemas/profile';
import { toServiceError } from '../../shared/zodErrors';
import { ErrorCode } from '../../shared/errorCodes';
import { personInput, companyInput } from '../helpers/profileFixtures';

const TODAY = new Date('2026-11-22T12:00:00Z');
const schema = personInputSchema(() => TODAY);

function errorOf(input: unknown) {
  const r = schema.safeParse(input);
  if (r.success) throw new Error('expected a validation error');
  return toServiceError(r.error, input);
}

describe('KillB person validation rules', () => {
  it('accepts a complete, valid person and normalises it', () => {
    const r = schema.safeParse(personInput({ email: '  Ana.Gomez@Example.CO ', document: { type: 'NUIP', number: '1020 304 050', issuedCountryCode: 'co' } }));
    expect(r.success).toBe(true);
    if (r.success) {
      expect(r.data.email).toBe('ana.gomez@example.co');
      expect(r.data.document).toMatchObject({ number: '1020304050', issuedCountryCode: 'CO' });
    }
  });

  it.each(['not-an-email', 'a@b', 'ana@@example.com', ''])('USER.0006 for email %j', (email) => {
    expect(errorOf(personInput({ email }))).toMatchObject({ code: ErrorCode.INVALID_EMAIL, field: 'email' });
  });

  it('VALIDATION.0002, not REQUIRED, for a field of the wrong type', () => {
    expect(errorOf(personInput({ firstName: 42 as never }))).toMatchObject({ code: ErrorCode.INVALID_INPUT, field: 'firstName' });
  });

  it.each(['3001234567', '+57 300 123 4567', '+5730012', '+99912345678', '573001234567'])('USER.0004 for phone %j', (phone) => {
    expect(errorOf(personInput({ phone }))).toMatchObject({ code: ErrorCode.INVALID_PHONE, field: 'phone' });
  });

  it('USER.0005 for an applicant under 18, on the day before the 18th birthday', () => {
    expect(errorOf(personInput({ dateOfBirth: '2008-11-23' }))).toMatchObject({ code: ErrorCode.UNDERAGE, field: 'dateOfBirth' });
    expect(schema.safeParse(personInput({ dateOfBirth: '2008-11-22' })).success).toBe(true);
  });

  it('rejects impossible dates rather than rolling them over', () => {
    expect(errorOf(personInput({ dateOfBirth: '1990-02-30' })).field).toBe('dateOfBirth');
    expect(errorOf(personInput({ dateOfBirth: '12/04/1990' })).field).toBe('dateOfBirth');
  });

  it('USER.0002 for a document number in the wrong format for its country', () => {
    expect(errorOf(personInput({ document: { type: 'NUIP', number: '12345', issuedCountryCode: 'CO' } }))).toMatchObject({
      code: ErrorCode.INVALID_DOCUMENT,
      field: 'document.number',
    });
    expect(errorOf(personInput({ document: { type: 'CURP', number: '1020304050', issuedCountryCode: 'CO' } })).code).toBe(ErrorCode.INVALID_DOCUMENT);
  });

  it('USER.0002 when INE lacks cic or identificadorCiudadano', () => {
    const ine = { type: 'INE' as const, number: 'HRRZDG86100214H500', issuedCountryCode: 'MX' };
    expect(errorOf(personInput({ document: ine }))).toMatchObject({ code: ErrorCode.INVALID_DOCUMENT, field: 'document.cic' });
    expect(errorOf(personInput({ document: { ...ine, cic: '213456789' } })).field).toBe('document.identificadorCiudadano');
    expect(schema.safeParse(personInput({ document: { ...ine, cic: '213456789', identificadorCiudadano: '098765432' } })).success).toBe(true);
  });

  it('accepts KillB’s INE example (OCR number, short cic, alphanumeric identificador) and still checks their characters', () => {
    const ine = { type: 'INE' as const, number: '1234567890123', issuedCountryCode: 'MX', expeditionDate: '2020-01-15', cic: '123', identificadorCiudadano: 'ABC123' };
    expect(schema.safeParse(personInput({ document: ine })).success).toBe(true);
    expect(errorOf(personInput({ document: { ...ine, cic: '12A' } }))).toMatchObject({ code: ErrorCode.INVALID_DOCUMENT, field: 'document.cic' });
    expect(errorOf(personInput({ document: { ...ine, cic: '12345678901' } })).field).toBe('document.cic');
    expect(errorOf(personInput({ document: { ...ine, identificadorCiudadano: 'ABC-123' } }))).toMatchObject({ code: ErrorCode.INVALID_DOCUMENT, field: 'document.identificadorCiudadano' });
  });

  it.each(['firstName', 'lastName', 'externalId'] as const)('VALIDATION.0001 when %s is empty or missing', (field) => {
    expect(errorOf(personInput({ [field]: '   ' }))).toMatchObject({ code: ErrorCode.REQUIRED, field });
    const missing: Record<string, unknown> = personInput();
    delete missing[field];
    expect(errorOf(missing)).toMatchObject({ code: ErrorCode.REQUIRED, field });
  });

  it('requires every address part and an ISO country', () => {
    const p = personInput();
    expect(errorOf({ ...p, address: { ...p.address, city: '' } })).toMatchObject({ code: ErrorCode.REQUIRED, field: 'address.city' });
    expect(errorOf({ ...p, address: { ...p.address, countryCode: 'XX' } })).toMatchObject({ code: ErrorCode.INVALID_COUNTRY, field: 'address.countryCode' });
  });

  it('requires the eight fiat fields of the investment profile when one is sent, with KillB enum values', () => {
    const investmentProfile = {
      primarySourceOfFunds: 'EMPLOYMENT',
      primarySourceOfFundsDescription: 'Salary',
      totalAssets: 'TEN_TO_100K',
      usdValueOfFiat: 'UPTO_10K',
      monthlyDeposits: 'UPTO_5',
      monthlyWithdrawals: 'UPTO_5',
      monthlyInvestmentDeposit: 'UPTO_1K',
      monthlyInvestmentWithdrawal: 'UPTO_1K',
      usdValueOfCrypto: 'UPTO_1K',
      monthlyCryptoDeposits: 'UPTO_5',
      monthlyCryptoWithdrawals: 'UPTO_5',
      monthlyCryptoInvestmentDeposit: 'UPTO_1K',
      monthlyCryptoInvestmentWithdrawal: 'UPTO_1K',
    } as const;
    expect(schema.safeParse(personInput({ investmentProfile })).success).toBe(true);
    expect(errorOf(personInput({ investmentProfile: { ...investmentProfile, totalAssets: 'LOTS' as never } })).field).toBe('investmentProfile.totalAssets');
    const partial: Record<string, unknown> = { ...investmentProfile };
    delete partial.monthlyDeposits;
    expect(errorOf(personInput({ investmentProfile: partial as never }))).toMatchObject({ code: ErrorCode.REQUIRED, field: 'investmentProfile.monthlyDeposits' });
    // The crypto fields are optional (KillB's example sends the eight fiat fields alone), but checked when sent.
    const fiatOnly: Record<string, unknown> = { ...investmentProfile };
    for (const k of ['usdValueOfCrypto', 'monthlyCryptoDeposits', 'monthlyCryptoWithdrawals', 'monthlyCryptoInvestmentDeposit', 'monthlyCryptoInvestmentWithdrawal']) delete fiatOnly[k];
    expect(schema.safeParse(personInput({ investmentProfile: fiatOnly as never })).success).toBe(true);
    expect(errorOf(personInput({ investmentProfile: { ...investmentProfile, monthlyCryptoDeposits: 'MANY' as never } })).field).toBe('investmentProfile.monthlyCryptoDeposits');
  });

  it('checks the KYC profile jurisdictions and activities', () => {
    expect(schema.safeParse(personInput({ kycProfile: { fundsSendReceiveJurisdictions: ['CO', 'US'], engageInActivities: ['NONE'] } })).success).toBe(true);
    expect(errorOf(personInput({ kycProfile: { fundsSendReceiveJurisdictions: ['ZZ'], engageInActivities: ['NONE'] } })).code).toBe(ErrorCode.INVALID_COUNTRY);
    expect(errorOf(personInput({ kycProfile: { fundsSendReceiveJurisdictions: ['CO'], engageInActivities: [] } })).field).toBe('kycProfile.engageInActivities');
  });
});

describe('KillB company validation rules', () => {
  it('requires companyName and at least one owner; mainOwnerUser itself is optional (KillB)', () => {
    expect(companyInputSchema.safeParse(companyInput('owner-1')).success).toBe(true);
    const r = companyInputSchema.safeParse(companyInput('owner-1', { companyName: '' }));
    expect(!r.success && toServiceError(r.error, {})).toMatchObject({ code: ErrorCode.REQUIRED, field: 'companyName' });
    const emptyOwner = companyInputSchema.safeParse(companyInput(''));
    expect(!emptyOwner.success && toServiceError(emptyOwner.error)).toMatchObject({ code: ErrorCode.REQUIRED, field: 'mainOwnerUser' });
    const withoutMain: Record<string, unknown> = companyInput('unused', { ownerUsers: ['owner-1', 'owner-2'] });
    delete withoutMain.mainOwnerUser;
    const ownersOnly = companyInputSchema.safeParse(withoutMain);
    expect(ownersOnly.success && ownersOnly.data).toMatchObject({ ownerUsers: ['owner-1', 'owner-2'] });
    expect(ownersOnly.success && 'mainOwnerUser' in ownersOnly.data).toBe(false);
    const noOwner = companyInputSchema.safeParse({ ...withoutMain, ownerUsers: [] });
    expect(!noOwner.success && toServiceError(noOwner.error)).toMatchObject({ code: ErrorCode.REQUIRED, field: 'mainOwnerUser' });
    // Reported beside the other errors, so a form shows it with them.
    const both = companyInputSchema.safeParse({ ...withoutMain, ownerUsers: [], companyName: '' });
    expect(!both.success && both.error.issues.map((i) => i.path.join('.'))).toEqual(['companyName', 'mainOwnerUser']);
  });

  it('takes the seed’s C_CORP and a kycProfile without the company-only fields', () => {
    expect(companyInputSchema.safeParse(companyInput('o', { legalStructure: 'C_CORP' })).success).toBe(true);
    const kyc = companyInputSchema.safeParse(companyInput('o', { kycProfile: { fundsSendReceiveJurisdictions: ['CO', 'US', 'MX'], engageInActivities: ['NONE'] } }));
    expect(kyc.success).toBe(true);
    const bad = companyInputSchema.safeParse(companyInput('o', { kycProfile: { fundsSendReceiveJurisdictions: ['CO'], engageInActivities: ['NONE'], regulatedStatus: 'MAYBE' as never } }));
    expect(!bad.success && toServiceError(bad.error).field).toBe('kycProfile.regulatedStatus');
  });

  it('checks optional phone and email with the same rules as persons', () => {
    const r = companyInputSchema.safeParse(companyInput('o', { phone: '12345' }));
    expect(!r.success && toServiceError(r.error).code).toBe(ErrorCode.INVALID_PHONE);
    const e = companyInputSchema.safeParse(companyInput('o', { email: 'nope' }));
    expect(!e.success && toServiceError(e.error).code).toBe(ErrorCode.INVALID_EMAIL);
  });

  it('only takes KillB legal structures', () => {
    const r = companyInputSchema.safeParse(companyInput('o', { legalStructure: 'GMBH' as never }));
    expect(!r.success && toServiceError(r.error).field).toBe('legalStructure');
  });
});
