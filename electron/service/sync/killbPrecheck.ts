import type { Profile } from '../../../shared/schemas/profile';

/**
 * Seed 001's document types by issuing country ("为用户所在国家选择适当的文档类型"): CO, MX and
 * US have their own lists; every other country takes the last one. The workstation accepts more
 * (a passport and a national ID everywhere, shared/documentTypes.ts), so a profile valid here
 * can still be one KillB refuses.
 */
const KILLB_DOCUMENT_TYPES: Record<string, readonly string[]> = {
  CO: ['NUIP', 'PASSPORT', 'DRIVER_LICENSE'],
  MX: ['RFC', 'CURP', 'INE', 'IFE', 'PASSPORT'],
  US: ['SSN', 'PASSPORT', 'DRIVER_LICENSE'],
};
const OTHER_COUNTRIES = ['PASSPORT', 'DNI', 'DUI', 'CPF'];

/** Seed 001's `validateUserData` phone rule: + and 11 to 15 digits. */
const KILLB_PHONE = /^\+[1-9]\d{10,14}$/;

/** Seed 001's error table, in English: what each USER code means and what to do about it. */
export const KILLB_USER_CODES: Record<string, string> = {
  'USER.0001': 'user already exists: use the existing user id',
  'USER.0002': 'invalid document: check the document type and number',
  'USER.0003': 'email already registered: use a different email',
  'USER.0004': 'invalid phone format: use E.164 (+57…)',
  'USER.0005': 'underage user: the user must be 18 or older',
};

/**
 * What KillB would refuse in a person's data by the rules seed 001 says to check before
 * submitting ("提交前验证数据"), as `field: why`: a document type and issuing country at most, never
 * a number, name or contact detail, so the words can sit in an outbox row and on a dead letter.
 * Empty when none.
 */
export function killbRefusals(p: Profile): string[] {
  // A full person always has both; a kycService applicant without them is refused before this.
  const doc = p.type === 'PERSON' ? p.data.document : undefined;
  if (!doc?.type || !doc.issuedCountryCode) return [];
  const out: string[] = [];
  const allowed = KILLB_DOCUMENT_TYPES[doc.issuedCountryCode] ?? OTHER_COUNTRIES;
  if (!allowed.includes(doc.type)) out.push(`data.document.type: KillB takes no ${doc.type} issued in ${doc.issuedCountryCode} (it takes ${allowed.join(', ')}; USER.0002)`);
  if ('phone' in p.data && typeof p.data.phone === 'string' && !KILLB_PHONE.test(p.data.phone)) out.push('data.phone: KillB needs + and 11 to 15 digits (USER.0004)');
  return out;
}
