import type { MrzResult } from '../../../shared/schemas/analysis';
import { icaoToAlpha2 } from '../../../shared/countries';
import { mrzDate } from '../analysis/crossChecks';

/** What kycService's /document/confirm sends, in its own names. */
export interface ConfirmInput {
  name?: string | undefined;
  idNumber?: string | undefined;
  birthDate?: string | undefined;
  expiryDate?: string | undefined;
  issuer?: string | undefined;
  nationality?: string | undefined;
}
export type ConfirmField = keyof ConfirmInput;

const plain = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]+/g, ' ').trim().toUpperCase();
const mrzText = (v: string) => v.replace(/</g, ' ').replace(/\s+/g, ' ').trim();

/** The OCR's reading of each confirmable field, in kycService's names (null where the MRZ has none). */
export function ocrReading(mrz: MrzResult | null | undefined, today: Date): Record<ConfirmField, string | null> {
  const f = mrz?.fields;
  if (!f) return { name: null, idNumber: null, birthDate: null, expiryDate: null, issuer: null, nationality: null };
  return {
    name: [mrzText(f.givenNames.value), mrzText(f.surname.value)].filter(Boolean).join(' ') || null,
    idNumber: f.documentNumber.value.replace(/</g, '') || null,
    birthDate: mrzDate(f.birthDate.value, 'birth', today),
    expiryDate: mrzDate(f.expiryDate.value, 'expiry', today),
    // The MRZ names the issuing state, not the authority: there is nothing to compare `issuer` with.
    issuer: null,
    nationality: icaoToAlpha2(f.nationality.value) ?? null,
  };
}

/**
 * Splits a confirmed full name into the profile's parts. When it is the OCR's name (given names
 * first or surname first), the MRZ's own split is kept, in the customer's spelling; otherwise
 * the last word is the surname, the usual reading of a single "Alex Tan" field.
 */
export function splitName(name: string, mrz: MrzResult | null | undefined): { firstName: string; lastName: string } {
  const words = name.trim().split(/\s+/);
  const given = mrz ? mrzText(mrz.fields.givenNames.value) : '';
  const surname = mrz ? mrzText(mrz.fields.surname.value) : '';
  if (given && surname) {
    const n = given.split(' ').length;
    const typed = plain(name);
    if (typed === plain(`${given} ${surname}`)) return { firstName: words.slice(0, n).join(' '), lastName: words.slice(n).join(' ') };
    if (typed === plain(`${surname} ${given}`)) return { firstName: words.slice(-n).join(' '), lastName: words.slice(0, -n).join(' ') };
  }
  if (words.length === 1) return { firstName: words[0]!, lastName: words[0]! };
  return { firstName: words.slice(0, -1).join(' '), lastName: words.at(-1)! };
}

/** Fields whose confirmed value differs from what the OCR read: the customer modified them. */
export function modifiedFields(input: ConfirmInput, ocr: Record<ConfirmField, string | null>): ConfirmField[] {
  return (Object.keys(ocr) as ConfirmField[]).filter((k) => {
    const sent = input[k];
    const read = ocr[k];
    return sent !== undefined && read !== null && plain(sent) !== plain(read);
  });
}
