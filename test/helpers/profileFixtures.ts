import type { z } from 'zod';
import type { personInputSchema, companyInputSchema } from '../../shared/schemas/profile';

type PersonRaw = z.input<ReturnType<typeof personInputSchema>>;
type CompanyRaw = z.input<typeof companyInputSchema>;

let counter = 0;

/** A valid Colombian person; override what a test is about. */
export function personInput(overrides: Partial<PersonRaw> = {}): PersonRaw {
  counter += 1;
  return {
    externalId: `ext-${counter}-${Math.random().toString(36).slice(2, 8)}`,
    firstName: 'Valentina',
    lastName: 'Restrepo',
    email: `valentina.${counter}.${Math.random().toString(36).slice(2, 8)}@example.co`,
    phone: '+573001234567',
    dateOfBirth: '1990-04-12',
    address: { street1: 'Carrera 7 # 71-21', city: 'Bogotá', state: 'Cundinamarca', zipCode: '110231', countryCode: 'CO' },
    document: { type: 'NUIP', number: '1020304050', issuedCountryCode: 'CO' },
    ...overrides,
  };
}

export function companyInput(mainOwnerUser: string, overrides: Partial<CompanyRaw> = {}): CompanyRaw {
  counter += 1;
  return {
    externalId: `co-${counter}-${Math.random().toString(36).slice(2, 8)}`,
    companyName: 'Andes Trading S.A.S.',
    tradeName: 'Andes Trading',
    legalStructure: 'LLC',
    establishedOn: '2015-03-01',
    naics: '423990',
    phone: '+576015555555',
    // One company per email (USER.0003), as one person per email.
    email: `ops.${counter}.${Math.random().toString(36).slice(2, 8)}@andestrading.co`,
    address: { street1: 'Calle 93 # 11-26', city: 'Bogotá', state: 'Cundinamarca', zipCode: '110221', countryCode: 'CO' },
    document: { type: 'NIT', number: '900123456-7', issuedCountryCode: 'CO' },
    mainOwnerUser,
    ownerUsers: [],
    ...overrides,
  };
}
