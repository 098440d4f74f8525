import { describe, expect, it } from 'vitest';
import { checkCompanyDocumentNumber, checkDocumentNumber, companyDocumentTypesFor, cpfCheckDigits, curpCheckDigit, documentTypesFor, duiCheckDigit } from '../../shared/documentTypes';
import { companyInputSchema, personInputSchema } from '../../shared/schemas/profile';
import { companyInput, personInput } from '../helpers/profileFixtures';

describe('document types per country', () => {
  it('offers each country its own types plus PASSPORT and NATIONAL_ID', () => {
    expect(documentTypesFor('CO')).toEqual(['PASSPORT', 'NATIONAL_ID', 'NUIP', 'DRIVER_LICENSE']);
    expect(documentTypesFor('MX')).toEqual(['PASSPORT', 'NATIONAL_ID', 'RFC', 'CURP', 'INE', 'IFE']);
    expect(documentTypesFor('US')).toEqual(['PASSPORT', 'NATIONAL_ID', 'SSN', 'DRIVER_LICENSE']);
    expect(documentTypesFor('BR')).toContain('CPF');
    expect(documentTypesFor('SV')).toContain('DUI');
    expect(documentTypesFor('AR')).toEqual(['PASSPORT', 'NATIONAL_ID', 'DNI']);
  });

  it('refuses a type the issuing country does not use', () => {
    expect(checkDocumentNumber('NUIP', 'MX', '1234567890')).toMatchObject({ valid: false });
    expect(checkDocumentNumber('SSN', 'CO', '512478812')).toMatchObject({ valid: false });
    expect(checkDocumentNumber('CPF', 'AR', '52998224725')).toMatchObject({ valid: false });
  });

  it.each([
    ['NUIP', 'CO', '1020304050', true],
    ['NUIP', 'CO', '102030405', false],
    ['NUIP', 'CO', '10203040AB', false],
    ['PASSPORT', 'CO', 'AQ5281934', true],
    ['PASSPORT', 'CO', 'AQ5', false],
    ['DRIVER_LICENSE', 'CO', '72198455', true],
    ['RFC', 'MX', 'TOMF930321KX5', true],
    ['RFC', 'MX', 'TOMF93032KX5', false],
    ['INE', 'MX', 'HRRZDG86100214H500', true],
    ['INE', 'MX', 'HRRZDG8610021H500', false],
    // The 13-digit OCR number on the back of the card, as in KillB's INE example.
    ['INE', 'MX', '1234567890123', true],
    ['INE', 'MX', '123456789012', false],
    ['INE', 'MX', '12345678901234', false],
    ['IFE', 'MX', '1234567890123', true],
    ['SSN', 'US', '512-47-8812', true],
    ['SSN', 'US', '000-47-8812', false],
    ['SSN', 'US', '666-47-8812', false],
    ['SSN', 'US', '512-00-8812', false],
    ['DNI', 'AR', '33456789', true],
    ['NATIONAL_ID', 'CR', '1-1234-0567', true],
  ] as const)('%s %s %s is %s', (type, country, number, valid) => {
    expect(checkDocumentNumber(type, country, number).valid).toBe(valid);
  });

  it('validates CPF check digits, including the all-same-digit trap', () => {
    expect(cpfCheckDigits('529982247')).toBe('25');
    expect(checkDocumentNumber('CPF', 'BR', '529.982.247-25')).toEqual({ valid: true, normalised: '52998224725' });
    expect(checkDocumentNumber('CPF', 'BR', '529.982.247-26')).toMatchObject({ valid: false, message: expect.stringContaining('check digit') });
    expect(checkDocumentNumber('CPF', 'BR', '11111111111')).toMatchObject({ valid: false });
  });

  it('validates CURP structure and its check digit', () => {
    const first17 = 'GODE561231HDFRRN0';
    const good = `${first17}${curpCheckDigit(first17)}`;
    expect(checkDocumentNumber('CURP', 'MX', good).valid).toBe(true);
    const bad = `${first17}${(Number(curpCheckDigit(first17)) + 1) % 10}`;
    expect(checkDocumentNumber('CURP', 'MX', bad)).toMatchObject({ valid: false, message: expect.stringContaining('check digit') });
    expect(checkDocumentNumber('CURP', 'MX', 'GODE561231HDFRRN')).toMatchObject({ valid: false });
  });

  it('validates the DUI check digit', () => {
    const good = `04567812${duiCheckDigit('04567812')}`;
    expect(checkDocumentNumber('DUI', 'SV', `${good.slice(0, 8)}-${good[8]}`)).toEqual({ valid: true, normalised: good });
    expect(checkDocumentNumber('DUI', 'SV', `04567812${(Number(good[8]) + 1) % 10}`).valid).toBe(false);
  });

  it('normalises case and spacing before checking', () => {
    expect(checkDocumentNumber('PASSPORT', 'DE', ' ca 000000 ')).toEqual({ valid: true, normalised: 'CA000000' });
  });
});

describe('company registration numbers', () => {
  it('offers each national scheme only for its country, and a registry number everywhere', () => {
    expect(companyDocumentTypesFor('CO')).toEqual(['NIT', 'REGISTRATION']);
    expect(companyDocumentTypesFor('CA')).toEqual(['REGISTRATION']);
    expect(companyDocumentTypesFor('UY')).toEqual(['RUT', 'REGISTRATION']);
  });

  it.each([
    ['NIT', 'CO', '900123456-1'],
    ['EIN', 'US', '83-1234567'],
    ['CNPJ', 'BR', '12.345.678/0001-95'],
    ['RFC', 'MX', 'lba120110qw3'],
    ['CUIT', 'AR', '30-71234567-1'],
    ['USCC', 'CN', '91350100M000100Y43'],
    ['RUT', 'CL', '76086428-5'],
    ['REGISTRATION', 'SV', '2018-123456-101-3'],
  ] as const)('takes a %s number of %s', (type, country, number) => {
    expect(checkCompanyDocumentNumber(type, country, number)).toMatchObject({ valid: true, normalised: number.toUpperCase() });
  });

  it('takes NIT and RUT numbers written with thousands dots, and stores the digits', () => {
    expect(checkCompanyDocumentNumber('NIT', 'CO', '900.123.456-7')).toEqual({ valid: true, normalised: '900123456-7' });
    expect(checkCompanyDocumentNumber('RUT', 'CL', '76.086.428-5')).toEqual({ valid: true, normalised: '76086428-5' });
  });

  it('refuses a scheme of another country, and numbers that are not in its format', () => {
    expect(checkCompanyDocumentNumber('CNPJ', 'CA', '12.345.678/0001-95')).toMatchObject({ valid: false, field: 'type', message: 'CNPJ is not issued in country CA' });
    expect(checkCompanyDocumentNumber('NIT', 'CO', 'x')).toMatchObject({ valid: false, field: 'number' });
    expect(checkCompanyDocumentNumber('USCC', 'CN', '12')).toMatchObject({ valid: false, field: 'number', message: 'USCC number must be 18 letters or digits' });
    expect(checkCompanyDocumentNumber('REGISTRATION', 'CA', '??')).toMatchObject({ valid: false, field: 'number' });
  });

  it('refuses a company founded in the future and a person born in the future, each saying so', () => {
    const co = companyInputSchema.safeParse({ ...companyInput('owner-1'), establishedOn: '2999-01-01' });
    expect(co.error?.issues[0]).toMatchObject({ path: ['establishedOn'], message: 'the founding date is in the future' });
    const person = personInputSchema(() => new Date('2026-12-07T00:00:00Z')).safeParse(personInput({ dateOfBirth: '2030-01-01' }));
    expect(person.error?.issues.map((i) => i.message)).toEqual(['the date of birth is in the future']);
  });
});
