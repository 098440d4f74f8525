import { isApplicant, type Profile } from './schemas/profile';

/**
 * The parts of a profile that every reader needs (country, identity document, birth date),
 * whatever stage it is in: a kycService applicant has them only once OCR or the customer has
 * supplied them, so each may be null.
 */
export interface ProfileFacts {
  countryCode: string;
  documentType: string | null;
  documentNumber: string | null;
  documentCountry: string | null;
  dateOfBirth: string | null;
  /** A kycService applicant: no KillB contact or address data was ever asked for. */
  applicant: boolean;
}

export function profileFacts(p: Profile): ProfileFacts {
  if (p.type === 'COMPANY') {
    const d = p.data;
    return { countryCode: d.address.countryCode, documentType: d.document.type, documentNumber: d.document.number, documentCountry: d.document.issuedCountryCode, dateOfBirth: null, applicant: false };
  }
  const d = p.data;
  if (isApplicant(d)) {
    return {
      countryCode: d.country,
      documentType: d.document?.type ?? null,
      documentNumber: d.document?.number ?? null,
      documentCountry: d.document?.issuedCountryCode ?? null,
      dateOfBirth: d.dateOfBirth ?? null,
      applicant: true,
    };
  }
  return { countryCode: d.address.countryCode, documentType: d.document.type, documentNumber: d.document.number, documentCountry: d.document.issuedCountryCode, dateOfBirth: d.dateOfBirth, applicant: false };
}
