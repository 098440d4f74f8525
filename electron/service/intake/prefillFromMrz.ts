import { icaoToAlpha2 } from '../../../shared/countries';
import { mrzDate } from '../analysis/crossChecks';
import type { MrzResult } from '../../../shared/schemas/analysis';

/** MRZ names are upper case with `<` fillers; the form shows them as people write them. */
function titleCase(s: string): string {
  return s
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.replace(/(^|[-'])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase()))
    .join(' ');
}

function clean(value: string): string {
  return value.replace(/</g, ' ').replace(/\s+/g, ' ').trim();
}

/** YYMMDD to YYYY-MM-DD in the century the cross-checks read it in (mrzDate); null when it is no calendar date. */
function isoDate(yymmdd: string, kind: 'birth' | 'expiry', today: Date): string | null {
  const iso = mrzDate(yymmdd, kind, today);
  if (iso === null) return null;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || !d.toISOString().startsWith(iso) ? null : iso;
}

function country(code: string): string | null {
  return icaoToAlpha2(clean(code)) ?? null;
}

/**
 * Maps a read MRZ onto the personal-information form: field paths as in the profile, each with
 * the OCR confidence. Only values that parse are offered; the operator checks every one.
 */
export function prefillFromMrz(mrz: MrzResult, today: Date): { fields: Record<string, string>; confidence: Record<string, number> } {
  const f = mrz.fields;
  const fields: Record<string, string> = {};
  const confidence: Record<string, number> = {};
  const put = (path: string, value: string | null, conf: number) => {
    if (value) {
      fields[path] = value;
      confidence[path] = Math.round(conf * 100) / 100;
    }
  };
  const given = clean(f.givenNames.value).split(' ').filter(Boolean);
  put('firstName', given[0] ? titleCase(given[0]) : null, f.givenNames.confidence);
  put('middleName', given.length > 1 ? titleCase(given.slice(1).join(' ')) : null, f.givenNames.confidence);
  put('lastName', titleCase(clean(f.surname.value)) || null, f.surname.confidence);
  put('dateOfBirth', isoDate(clean(f.birthDate.value), 'birth', today), f.birthDate.confidence);
  put('nationality', country(f.nationality.value), f.nationality.confidence);
  const code = clean(f.documentCode.value).replace(/\s/g, '');
  // P* is a passport; I*, A*, C* are identity cards (TD1/TD2); visas (V*) are not identity documents here.
  const docType = code.startsWith('P') ? 'PASSPORT' : /^[IAC]/.test(code) ? 'NATIONAL_ID' : null;
  put('document.type', docType, f.documentCode.confidence);
  put('document.number', clean(f.documentNumber.value).replace(/\s/g, '') || null, f.documentNumber.confidence);
  put('document.issuedCountryCode', country(f.issuingState.value), f.issuingState.confidence);
  // Offered even when past: the operator sees the document has expired before the application goes further.
  put('document.expiryDate', isoDate(clean(f.expiryDate.value), 'expiry', today), f.expiryDate.confidence);
  return { fields, confidence };
}
