import { icaoToAlpha2 } from '../../../shared/countries';
import { documentTypesFor, type PersonDocumentType } from '../../../shared/documentTypes';
import { ageOn, MINIMUM_AGE } from '../../../shared/schemas/common';
import type { CrossCheck, MrzResult } from '../../../shared/schemas/analysis';
import type { Profile } from '../../../shared/schemas/profile';

/** ICAO 9303 transliterations that differ from simply dropping the accent. */
const ICAO_TRANSLITERATION: Record<string, string> = { Ä: 'AE', Ö: 'OE', Ü: 'UE', ß: 'SS', Å: 'AA', Æ: 'AE', Ø: 'OE', Þ: 'TH', Ñ: 'NXX' };

function plain(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase().replace(/[^A-Z]+/g, ' ').trim();
}

function icao(s: string): string {
  return plain([...s.toUpperCase()].map((c) => ICAO_TRANSLITERATION[c] ?? c).join(''));
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/**
 * Name similarity in [0,1] that tolerates transliteration (Müller = MUELLER = MULLER), MRZ
 * truncation, and the order and number of given names.
 */
export function nameSimilarity(entered: string, mrz: string): number {
  const target = plain(mrz).replace(/\s+/g, '');
  let best = 0;
  for (const variant of [plain(entered), icao(entered)]) {
    const compact = variant.replace(/\s+/g, '');
    // The MRZ truncates long names: a prefix match of the whole MRZ name is a match.
    if (target.length >= 10 && compact.startsWith(target)) return 1;
    const sorted = (s: string) => s.split(' ').filter(Boolean).sort().join('');
    for (const [a, b] of [
      [compact, target],
      [sorted(variant), sorted(plain(mrz))],
    ] as const) {
      const d = levenshtein(a, b);
      best = Math.max(best, 1 - d / Math.max(a.length, b.length, 1));
    }
  }
  return best;
}

const NAME_MATCH = 0.85;
const NAME_WARN = 0.7;

/** YYMMDD to a date: birth dates are in the past, expiry dates within the next 20 years. */
export function mrzDate(yymmdd: string, kind: 'birth' | 'expiry', today: Date): string | null {
  if (!/^\d{6}$/.test(yymmdd)) return null;
  const yy = Number(yymmdd.slice(0, 2));
  const current = today.getUTCFullYear() % 100;
  const century = kind === 'birth' ? (yy > current ? 1900 : 2000) : yy > current + 20 ? 1900 : 2000;
  return `${century + yy}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
}

const MRZ_CODE_TYPES: Record<string, PersonDocumentType> = { P: 'PASSPORT', I: 'NATIONAL_ID', A: 'NATIONAL_ID', C: 'NATIONAL_ID' };
/** Profile document types whose number is the one printed in the MRZ. */
const MRZ_NUMBER_TYPES: readonly PersonDocumentType[] = ['PASSPORT', 'NATIONAL_ID', 'DNI'];

function check(code: CrossCheck['code'], outcome: CrossCheck['outcome'], detail: string, expected: string | null = null, found: string | null = null): CrossCheck {
  return { code, outcome, detail, expected, found };
}

/** Didit-style expected-details checks: the document's MRZ against what was entered. */
export function crossCheck(profile: Profile, mrz: MrzResult | null, today: Date): CrossCheck[] {
  if (!mrz) return [check('NO_MRZ', 'WARN', 'No machine-readable zone was read; the document data could not be compared.')];
  const f = mrz.fields;
  const out: CrossCheck[] = [];

  if (profile.type === 'PERSON') {
    const p = profile.data;
    const entered = [p.firstName, p.middleName, p.lastName].filter(Boolean).join(' ');
    const onDoc = `${f.givenNames.value} ${f.surname.value}`.trim();
    if (!entered) {
      // A kycService applicant before confirmation: nothing was entered to compare against.
      out.push(check('NAME_MISMATCH', 'NOT_RUN', 'No name was entered yet; the customer confirms the document fields next', null, onDoc));
    } else {
      const sim = nameSimilarity(entered, onDoc);
      out.push(
        check(
          'NAME_MISMATCH',
          sim >= NAME_MATCH ? 'PASS' : sim >= NAME_WARN ? 'WARN' : 'FAIL',
          `Name similarity ${sim.toFixed(2)} (match at ${NAME_MATCH}, allowing transliteration and MRZ truncation)`,
          entered,
          onDoc,
        ),
      );
    }
    const birth = mrzDate(f.birthDate.value, 'birth', today);
    const enteredBirth = p.dateOfBirth ?? null;
    out.push(
      birth === null
        ? check('BIRTH_DATE_MISMATCH', 'WARN', 'The MRZ birth date is unreadable', enteredBirth, f.birthDate.value)
        : enteredBirth === null
          ? check('BIRTH_DATE_MISMATCH', 'NOT_RUN', 'No date of birth was entered yet', null, birth)
          : check('BIRTH_DATE_MISMATCH', birth === enteredBirth ? 'PASS' : 'FAIL', 'Date of birth on the document against the profile', enteredBirth, birth),
    );
    if (birth !== null) {
      const age = ageOn(birth, today);
      out.push(check('UNDERAGE', age >= MINIMUM_AGE ? 'PASS' : 'FAIL', `Age on the document: ${age}`, `${MINIMUM_AGE}+`, String(age)));
    }
    const docType = p.document?.type;
    const docNumber = p.document?.number;
    if (!docType || !docNumber) {
      out.push(check('DOCUMENT_NUMBER_MISMATCH', 'NOT_RUN', 'No document number was entered yet', null, f.documentNumber.value));
    } else if (MRZ_NUMBER_TYPES.includes(docType)) {
      const a = docNumber.replace(/[^A-Z0-9]/g, '');
      const b = f.documentNumber.value.replace(/[^A-Z0-9]/g, '');
      out.push(check('DOCUMENT_NUMBER_MISMATCH', a === b ? 'PASS' : 'FAIL', 'Document number on the document against the profile', a, b));
    } else {
      out.push(check('DOCUMENT_NUMBER_MISMATCH', 'NOT_RUN', `The profile's document is a ${docType}, whose number is not in this MRZ`, docNumber, f.documentNumber.value));
    }
    const nationality = icaoToAlpha2(f.nationality.value) ?? null;
    if (p.nationality) {
      out.push(
        check(
          'NATIONALITY_MISMATCH',
          nationality === p.nationality ? 'PASS' : nationality === null ? 'WARN' : 'FAIL',
          'Nationality on the document against the profile',
          p.nationality,
          nationality ?? f.nationality.value,
        ),
      );
    }
  }

  const expiry = mrzDate(f.expiryDate.value, 'expiry', today);
  const todayIso = today.toISOString().slice(0, 10);
  out.push(
    expiry === null
      ? check('DOCUMENT_EXPIRED', 'WARN', 'The MRZ expiry date is unreadable', null, f.expiryDate.value)
      : check('DOCUMENT_EXPIRED', expiry >= todayIso ? 'PASS' : 'FAIL', expiry >= todayIso ? `Valid until ${expiry}` : `Expired on ${expiry}`, `after ${todayIso}`, expiry),
  );
  const failed = mrz.checkDigits.filter((c) => !c.valid).map((c) => c.name);
  out.push(
    check('CHECK_DIGITS_FAILED', failed.length ? 'FAIL' : 'PASS', failed.length ? `Check digits fail: ${failed.join(', ')}` : 'All ICAO 9303 check digits verify', null, failed.join(', ') || null),
  );
  const issuer = icaoToAlpha2(f.issuingState.value);
  const docType = MRZ_CODE_TYPES[f.documentCode.value.charAt(0)];
  if (!docType) {
    out.push(check('DOCUMENT_TYPE_NOT_ACCEPTED', 'FAIL', `A ${mrz.format} document (code ${f.documentCode.value}) is not an accepted identity document`, 'passport or identity card', f.documentCode.value));
  } else if (issuer && !documentTypesFor(issuer).includes(docType)) {
    out.push(check('DOCUMENT_TYPE_NOT_ACCEPTED', 'FAIL', `${docType} is not accepted for ${issuer}`, documentTypesFor(issuer).join(', '), docType));
  } else {
    out.push(check('DOCUMENT_TYPE_NOT_ACCEPTED', 'PASS', `${docType} issued by ${issuer ?? f.issuingState.value}`, null, docType));
  }
  return out;
}
