import type { CrossCheckCode } from './schemas/analysis';

/**
 * The profile field each cross-check compares, in English: the case page (its English strings)
 * and the PDF name a cross-check by it, since the code is what a failure is called, not the check.
 */
export const CROSS_CHECK_FIELDS: Record<CrossCheckCode, string> = {
  NAME_MISMATCH: 'Full name',
  BIRTH_DATE_MISMATCH: 'Date of birth',
  DOCUMENT_NUMBER_MISMATCH: 'Document number',
  NATIONALITY_MISMATCH: 'Nationality',
  DOCUMENT_EXPIRED: 'Expiry date',
  UNDERAGE: 'Age',
  CHECK_DIGITS_FAILED: 'MRZ check digits',
  DOCUMENT_TYPE_NOT_ACCEPTED: 'Document type',
  NO_MRZ: 'Machine-readable zone',
};
