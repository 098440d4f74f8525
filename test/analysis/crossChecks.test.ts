import { describe, expect, it } from 'vitest';
import { crossCheck, nameSimilarity } from '../../electron/service/analysis/crossChecks';
import type { MrzResult } from '../../shared/schemas/analysis';
import type { Profile } from '../../shared/schemas/profile';
import { personInputSchema } from '../../shared/schemas/profile';
import { personInput } from '../helpers/profileFixtures';
import { formatEngineText } from '../../shared/schemas/engineText';

const TODAY = new Date('2026-11-22T00:00:00Z');
const field = (value: string) => ({ value, source: 'MRZ' as const, confidence: 0.9, checkDigitValid: null });

function mrz(over: Partial<Record<keyof MrzResult['fields'], string>> = {}, valid = true): MrzResult {
  const f = { documentCode: 'P', issuingState: 'DEU', surname: 'MUELLER', givenNames: 'JOSE MARIA', documentNumber: 'C01X00T47', nationality: 'DEU', birthDate: '900412', sex: 'F', expiryDate: '310101', ...over };
  return {
    format: 'TD3',
    lines: [],
    fields: {
      documentCode: field(f.documentCode),
      issuingState: field(f.issuingState),
      surname: field(f.surname),
      givenNames: field(f.givenNames),
      documentNumber: field(f.documentNumber),
      nationality: field(f.nationality),
      birthDate: field(f.birthDate),
      sex: field(f.sex),
      expiryDate: field(f.expiryDate),
      personalNumber: null,
    },
    checkDigits: [{ name: 'documentNumber', valid }],
    valid,
    corrections: 0,
    confidence: 0.9,
  };
}

function profile(over = {}): Profile {
  const data = personInputSchema(() => TODAY).parse(
    personInput({ firstName: 'José María', lastName: 'Müller', dateOfBirth: '1990-04-12', nationality: 'DE', document: { type: 'PASSPORT', number: 'C01X00T47', issuedCountryCode: 'DE' }, ...over }),
  );
  return { id: 'p', type: 'PERSON', externalId: data.externalId, displayName: 'x', createdAt: '', updatedAt: '', data };
}

const byCode = (checks: ReturnType<typeof crossCheck>) => Object.fromEntries(checks.map((c) => [c.code, c.outcome]));

describe('cross-checks of the MRZ against the profile', () => {
  it('passes a consistent document, tolerating ICAO transliteration and accents', () => {
    expect(byCode(crossCheck(profile(), mrz(), TODAY))).toEqual({
      NAME_MISMATCH: 'PASS',
      BIRTH_DATE_MISMATCH: 'PASS',
      UNDERAGE: 'PASS',
      DOCUMENT_NUMBER_MISMATCH: 'PASS',
      NATIONALITY_MISMATCH: 'PASS',
      DOCUMENT_EXPIRED: 'PASS',
      CHECK_DIGITS_FAILED: 'PASS',
      DOCUMENT_TYPE_NOT_ACCEPTED: 'PASS',
    });
    expect(nameSimilarity('José María Müller', 'JOSE MARIA MULLER')).toBe(1);
    expect(nameSimilarity('Anna Maria Eriksson', 'ANNA MARIA ERIKSSON')).toBe(1);
    expect(nameSimilarity('Maria Olivia Virtanen', 'OLIVIA MARIA VIRTANEN')).toBe(1);
    expect(nameSimilarity('Peter Smith', 'ANNA MARIA ERIKSSON')).toBeLessThan(0.5);
  });

  it('fails each mismatch with what was expected and found', () => {
    const checks = crossCheck(profile(), mrz({ surname: 'SCHMIDT', givenNames: 'KARL', birthDate: '900413', documentNumber: 'X1234567', nationality: 'AUT', expiryDate: '200101' }, false), TODAY);
    expect(byCode(checks)).toMatchObject({
      NAME_MISMATCH: 'FAIL',
      BIRTH_DATE_MISMATCH: 'FAIL',
      DOCUMENT_NUMBER_MISMATCH: 'FAIL',
      NATIONALITY_MISMATCH: 'FAIL',
      DOCUMENT_EXPIRED: 'FAIL',
      CHECK_DIGITS_FAILED: 'FAIL',
    });
    expect(checks.find((c) => c.code === 'BIRTH_DATE_MISMATCH')).toMatchObject({ expected: '1990-04-12', found: '1990-04-13' });
    expect(checks.find((c) => c.code === 'DOCUMENT_EXPIRED')?.found).toBe('2020-01-01');
  });

  it('flags an applicant the document shows to be under 18', () => {
    const checks = crossCheck(profile(), mrz({ birthDate: '100101' }), TODAY);
    expect(checks.find((c) => c.code === 'UNDERAGE')).toMatchObject({ outcome: 'FAIL', found: '16' });
  });

  it('refuses a visa as an identity document, and says when there is no MRZ', () => {
    expect(byCode(crossCheck(profile(), mrz({ documentCode: 'V' }), TODAY)).DOCUMENT_TYPE_NOT_ACCEPTED).toBe('FAIL');
    expect(crossCheck(profile(), null, TODAY)).toEqual([expect.objectContaining({ code: 'NO_MRZ', outcome: 'WARN' })]);
  });

  it('does not compare numbers of a different document', () => {
    const p = profile({ document: { type: 'NUIP', number: '1020304050', issuedCountryCode: 'CO' } });
    expect(byCode(crossCheck(p, mrz(), TODAY)).DOCUMENT_NUMBER_MISMATCH).toBe('NOT_RUN');
  });
});

describe('cross-checks in words for the UI', () => {
  it('carries each detail and worded expectation as data whose English is the detail itself', () => {
    const cases = [
      crossCheck(profile(), mrz(), TODAY),
      crossCheck(profile(), mrz({ surname: 'SCHMIDT', birthDate: '100101', documentNumber: 'X1234567', expiryDate: '200101' }, false), TODAY),
      crossCheck(profile(), mrz({ documentCode: 'V' }), TODAY),
      crossCheck(profile({ document: { type: 'NATIONAL_ID', number: 'C01X00T47', issuedCountryCode: 'CA' } }), mrz({ documentCode: 'I', issuingState: 'CAN' }), TODAY),
      crossCheck(profile({ document: { type: 'SSN', number: '123-45-6789', issuedCountryCode: 'US' } }), mrz(), TODAY),
      crossCheck(profile({ document: { type: 'NUIP', number: '1020304050', issuedCountryCode: 'CO' } }), mrz(), TODAY),
      crossCheck(profile(), null, TODAY),
    ].flat();
    for (const c of cases) {
      expect(c.detailText, c.code).toBeDefined();
      expect(formatEngineText(c.detailText!), c.code).toBe(c.detail);
      if (c.expectedText) expect(formatEngineText(c.expectedText), c.code).toBe(c.expected);
    }
    // Codes the UI names in its language stay codes in the data: a document type and a country.
    const issued = cases.find((c) => c.code === 'DOCUMENT_TYPE_NOT_ACCEPTED' && c.detailText?.key === 'crossTypeIssuedBy' && c.found === 'NATIONAL_ID');
    expect(issued?.detailText?.params).toEqual({ documentType: { documentType: 'NATIONAL_ID' }, country: { country: 'CA' } });
    expect(issued?.detail).toBe('NATIONAL_ID issued by CA');
    expect(cases.find((c) => c.code === 'CHECK_DIGITS_FAILED' && c.outcome === 'FAIL')?.detailText).toEqual({ key: 'crossDigitsFail', params: { fields: { terms: ['documentNumber'] } } });
  });
});

describe('the document type read against the one declared', () => {
  const typeCheck = (p: Profile, m: MrzResult) => crossCheck(p, m, TODAY).find((c) => c.code === 'DOCUMENT_TYPE_NOT_ACCEPTED')!;
  it('warns when a passport is read for a profile that declares another document, or an identity card for a declared passport', () => {
    const ssn = typeCheck(profile({ document: { type: 'SSN', number: '123-45-6789', issuedCountryCode: 'US' } }), mrz({ issuingState: 'CAN' }));
    expect(ssn).toMatchObject({ outcome: 'WARN', expected: 'SSN', found: 'PASSPORT', detail: 'PASSPORT issued by CA, but the profile declares a SSN' });
    expect(ssn.detailText).toEqual({ key: 'crossTypeNotDeclared', params: { documentType: { documentType: 'PASSPORT' }, country: { country: 'CA' }, declared: { documentType: 'SSN' } } });
    expect(typeCheck(profile(), mrz({ documentCode: 'I' })).outcome).toBe('WARN');
  });
  it('passes the declared passport, and an identity card for a declared national document', () => {
    expect(typeCheck(profile(), mrz()).outcome).toBe('PASS');
    expect(typeCheck(profile({ document: { type: 'NUIP', number: '1020304050', issuedCountryCode: 'CO' } }), mrz({ documentCode: 'I', issuingState: 'COL' })).outcome).toBe('PASS');
  });
});

describe('the declared expiry date', () => {
  const licence = (expiryDate: string) => profile({ document: { type: 'PASSPORT', number: 'C01X00T47', issuedCountryCode: 'DE', expiryDate } });
  it('fails an expired document that has no MRZ to read the date from, and passes a valid one', () => {
    const expired = crossCheck(licence('2020-01-01'), null, TODAY);
    expect(expired.map((c) => [c.code, c.outcome])).toEqual([['NO_MRZ', 'WARN'], ['DOCUMENT_EXPIRED', 'FAIL']]);
    expect(expired[1]).toMatchObject({ detail: 'Expired on 2020-01-01, as declared (no expiry date read from an MRZ)', found: '2020-01-01', expected: 'after 2026-11-22' });
    expect(crossCheck(licence('2030-01-01'), null, TODAY).find((c) => c.code === 'DOCUMENT_EXPIRED')?.outcome).toBe('PASS');
    // Nothing declared, nothing to judge: the missing MRZ is the only finding.
    expect(crossCheck(profile(), null, TODAY).map((c) => c.code)).toEqual(['NO_MRZ']);
  });

  it('words a missing MRZ as expected for a document that never has one, and as a failed read otherwise', () => {
    const dl = crossCheck(profile({ document: { type: 'DRIVER_LICENSE', number: 'L1234-123456-12', issuedCountryCode: 'CA' } }), null, TODAY);
    // Still a warning for the officer: nothing was compared by machine.
    expect(dl[0]).toMatchObject({ code: 'NO_MRZ', outcome: 'WARN', detail: 'A DRIVER_LICENSE carries no machine-readable zone; compare its data with the profile by eye.', detailText: { key: 'crossNoMrzForType' } });
    expect(crossCheck(profile(), null, TODAY)[0]).toMatchObject({ code: 'NO_MRZ', outcome: 'WARN', detailText: { key: 'crossNoMrz' } });
    // A national document may carry one: not finding it stays a failed read.
    expect(crossCheck(profile({ document: { type: 'NUIP', number: '1020304050', issuedCountryCode: 'CO' } }), null, TODAY)[0]).toMatchObject({ detailText: { key: 'crossNoMrz' } });
  });

  it('stands in for an MRZ expiry that cannot be read, and never overrides a read one', () => {
    expect(crossCheck(licence('2020-01-01'), mrz({ expiryDate: '31O1O1' }), TODAY).find((c) => c.code === 'DOCUMENT_EXPIRED')).toMatchObject({ outcome: 'FAIL', detailText: { key: 'crossDeclaredExpiredOn' } });
    expect(crossCheck(licence('2020-01-01'), mrz(), TODAY).find((c) => c.code === 'DOCUMENT_EXPIRED')).toMatchObject({ outcome: 'PASS', found: '2031-01-01' });
  });

  it('is refused when it comes before the date of issue', () => {
    const r = personInputSchema(() => TODAY).safeParse(personInput({ document: { type: 'PASSPORT', number: 'C01X00T47', issuedCountryCode: 'DE', expeditionDate: '2025-01-01', expiryDate: '2020-01-01' } }));
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ['document', 'expiryDate'], message: 'the expiry date is before the date of issue' });
  });
});
