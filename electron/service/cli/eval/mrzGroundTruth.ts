import type { MrzResult } from '../../../../shared/schemas/analysis';

/** The nine MRZ fields as the documents' ground truth gives them and as a reading is compared with it (the MRZ and KYC-set sections). */

export const norm = (s: string | null | undefined) => (s ?? '').toUpperCase().replace(/</g, ' ').replace(/\s+/g, ' ').trim();

export function mrzFields(m: MrzResult | null): string[] | null {
  if (!m) return null;
  const f = m.fields;
  return [f.documentCode, f.issuingState, f.surname, f.givenNames, f.documentNumber, f.nationality, f.birthDate, f.sex, f.expiryDate].map((x) => norm(x.value));
}

export interface GroundTruthDoc {
  file: string;
  has_mrz: boolean;
  document_code: string;
  issuing_state: string;
  surname: string;
  given_names: string;
  document_number: string;
  nationality: string;
  birth_date_yymmdd: string;
  sex: string;
  expiry_date_yymmdd: string;
}
