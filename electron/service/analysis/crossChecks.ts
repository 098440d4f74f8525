import { icaoToAlpha2 } from '../../../shared/countries';
import { carriesNoMrz, type PersonDocumentType } from '../../../shared/documentTypes';
import { profileFacts } from '../../../shared/profileFacts';
import { ageOn, MINIMUM_AGE } from '../../../shared/schemas/common';
import type { CrossCheck, MrzResult } from '../../../shared/schemas/analysis';
import type { Profile } from '../../../shared/schemas/profile';
import { engineWords, type EngineTerm, type Worded } from '../../../shared/schemas/engineText';

/** The check digits the readers name, which the UI words as fields. */
const CHECK_DIGIT_TERMS: readonly string[] = ['documentNumber', 'birthDate', 'expiryDate', 'personalNumber', 'composite'] satisfies EngineTerm[];
const isDigitTerm = (name: string): name is EngineTerm => CHECK_DIGIT_TERMS.includes(name);

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

/** Expected values that are words rather than data carry them for the UI's language too. */
function check(code: CrossCheck['code'], outcome: CrossCheck['outcome'], detail: Worded, expected: string | Worded | null = null, found: string | null = null): CrossCheck {
  if (expected !== null && typeof expected === 'object') return { code, outcome, detail: detail.message, expected: expected.message, found, detailText: detail.text, expectedText: expected.text };
  return { code, outcome, detail: detail.message, expected, found, detailText: detail.text };
}

/** The profile's declared document type when it is one that never has an MRZ, so "none found" is worded as expected. */
export function mrzLessDocumentType(profile: Profile): string | null {
  const type = profileFacts(profile).documentType;
  return type && carriesNoMrz(type, profile.type) ? type : null;
}

/** Didit-style expected-details checks: the document's MRZ against what was entered. */
export function crossCheck(profile: Profile, mrz: MrzResult | null, today: Date): CrossCheck[] {
  const todayIso = today.toISOString().slice(0, 10);
  // Without an MRZ date, the expiry the customer declared is all there is; an expired document
  // must not pass unremarked because it has no machine-readable zone (driving licences).
  const declared = profile.type === 'PERSON' ? profile.data.document?.expiryDate : undefined;
  const declaredExpiry = (): CrossCheck[] =>
    declared ? [check('DOCUMENT_EXPIRED', declared >= todayIso ? 'PASS' : 'FAIL', engineWords(declared >= todayIso ? 'crossDeclaredValidUntil' : 'crossDeclaredExpiredOn', { date: declared }), engineWords('crossExpectedAfter', { date: todayIso }), declared)] : [];
  if (!mrz) {
    // A document that never has an MRZ (a driving licence): the same warning, worded as expected rather than as a failed read.
    const type = mrzLessDocumentType(profile);
    const why = type ? engineWords('crossNoMrzForType', { documentType: { documentType: type } }) : engineWords('crossNoMrz');
    return [check('NO_MRZ', 'WARN', why), ...declaredExpiry()];
  }
  const f = mrz.fields;
  const out: CrossCheck[] = [];

  if (profile.type === 'PERSON') {
    const p = profile.data;
    const entered = [p.firstName, p.middleName, p.lastName].filter(Boolean).join(' ');
    const onDoc = `${f.givenNames.value} ${f.surname.value}`.trim();
    if (!entered) {
      // A kycService applicant before confirmation: nothing was entered to compare against.
      out.push(check('NAME_MISMATCH', 'NOT_RUN', engineWords('crossNameNotEntered'), null, onDoc));
    } else {
      const sim = nameSimilarity(entered, onDoc);
      out.push(
        check(
          'NAME_MISMATCH',
          sim >= NAME_MATCH ? 'PASS' : sim >= NAME_WARN ? 'WARN' : 'FAIL',
          engineWords('crossNameSimilarity', { similarity: sim.toFixed(2), match: String(NAME_MATCH) }),
          entered,
          onDoc,
        ),
      );
    }
    const birth = mrzDate(f.birthDate.value, 'birth', today);
    const enteredBirth = p.dateOfBirth ?? null;
    out.push(
      birth === null
        ? check('BIRTH_DATE_MISMATCH', 'WARN', engineWords('crossBirthUnreadable'), enteredBirth, f.birthDate.value)
        : enteredBirth === null
          ? check('BIRTH_DATE_MISMATCH', 'NOT_RUN', engineWords('crossBirthNotEntered'), null, birth)
          : check('BIRTH_DATE_MISMATCH', birth === enteredBirth ? 'PASS' : 'FAIL', engineWords('crossBirthCompared'), enteredBirth, birth),
    );
    if (birth !== null) {
      const age = ageOn(birth, today);
      out.push(check('UNDERAGE', age >= MINIMUM_AGE ? 'PASS' : 'FAIL', engineWords('crossAge', { age: String(age) }), engineWords('crossExpectedAge', { age: String(MINIMUM_AGE) }), String(age)));
    }
    const docType = p.document?.type;
    const docNumber = p.document?.number;
    if (!docType || !docNumber) {
      out.push(check('DOCUMENT_NUMBER_MISMATCH', 'NOT_RUN', engineWords('crossNumberNotEntered'), null, f.documentNumber.value));
    } else if (MRZ_NUMBER_TYPES.includes(docType)) {
      const a = docNumber.replace(/[^A-Z0-9]/g, '');
      const b = f.documentNumber.value.replace(/[^A-Z0-9]/g, '');
      out.push(check('DOCUMENT_NUMBER_MISMATCH', a === b ? 'PASS' : 'FAIL', engineWords('crossNumberCompared'), a, b));
    } else {
      out.push(check('DOCUMENT_NUMBER_MISMATCH', 'NOT_RUN', engineWords('crossNumberNotInMrz', { documentType: { documentType: docType } }), docNumber, f.documentNumber.value));
    }
    const nationality = icaoToAlpha2(f.nationality.value) ?? null;
    if (p.nationality) {
      out.push(
        check(
          'NATIONALITY_MISMATCH',
          nationality === p.nationality ? 'PASS' : nationality === null ? 'WARN' : 'FAIL',
          engineWords('crossNationalityCompared'),
          p.nationality,
          nationality ?? f.nationality.value,
        ),
      );
    }
  }

  const expiry = mrzDate(f.expiryDate.value, 'expiry', today);
  out.push(
    expiry === null
      ? (declaredExpiry()[0] ?? check('DOCUMENT_EXPIRED', 'WARN', engineWords('crossExpiryUnreadable'), null, f.expiryDate.value))
      : check('DOCUMENT_EXPIRED', expiry >= todayIso ? 'PASS' : 'FAIL', engineWords(expiry >= todayIso ? 'crossValidUntil' : 'crossExpiredOn', { date: expiry }), engineWords('crossExpectedAfter', { date: todayIso }), expiry),
  );
  const failed = mrz.checkDigits.filter((c) => !c.valid).map((c) => c.name);
  out.push(
    check('CHECK_DIGITS_FAILED', failed.length ? 'FAIL' : 'PASS', failed.length ? engineWords('crossDigitsFail', { fields: failed.every(isDigitTerm) ? { terms: failed } : failed.join(', ') }) : engineWords('crossDigitsVerify'), null, failed.join(', ') || null),
  );
  const issuer = icaoToAlpha2(f.issuingState.value);
  const docType = MRZ_CODE_TYPES[f.documentCode.value.charAt(0)];
  if (!docType) {
    out.push(check('DOCUMENT_TYPE_NOT_ACCEPTED', 'FAIL', engineWords('crossNotIdentityDocument', { format: mrz.format, code: f.documentCode.value }), engineWords('crossExpectedIdentityDocument'), f.documentCode.value));
  } else {
    // Every issuing country accepts passports and national identity cards (documentTypesFor), the
    // only types an MRZ's document code names here. The document read must still be the one the
    // profile declares: a passport where the profile declares another document (or a company's
    // registration), or an identity card where it declares a passport, goes to an officer.
    const declared = profile.type === 'PERSON' ? profile.data.document?.type : profile.type === 'COMPANY' ? profile.data.document.type : undefined;
    const issued = { documentType: { documentType: docType }, country: { country: issuer ?? f.issuingState.value } };
    const differs = declared !== undefined && (profile.type === 'COMPANY' || (docType === 'PASSPORT') !== (declared === 'PASSPORT'));
    out.push(
      differs
        ? check('DOCUMENT_TYPE_NOT_ACCEPTED', 'WARN', engineWords('crossTypeNotDeclared', { ...issued, declared: { documentType: declared } }), declared, docType)
        : check('DOCUMENT_TYPE_NOT_ACCEPTED', 'PASS', engineWords('crossTypeIssuedBy', issued), null, docType),
    );
  }
  return out;
}
