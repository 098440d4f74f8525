import { parse as parseIcao } from 'mrz';
import { LAYOUT_FOR } from './mrzLayouts';
import type { Candidate } from './mrzText';

/** The fields a checked MRZ candidate holds, and its check digits as the `mrz` package reads them. */

const norm = (s: string): string => s.replace(/</g, ' ').replace(/\s+/g, ' ').trim();

export interface Extracted {
  documentCode: string;
  issuingState: string;
  surname: string;
  givenNames: string;
  documentNumber: string;
  nationality: string;
  birthDate: string;
  sex: string;
  expiryDate: string;
  personalNumber: string | null;
}

export function extractFields(c: Candidate): Extracted {
  const layout = LAYOUT_FOR(c.format);
  const L = c.lines;
  const first = L[0]!;
  const nameSrc = L[layout.names[0]]!.slice(layout.names[1], layout.names[2]);
  const sep = nameSrc.indexOf('<<');
  const surname = sep >= 0 ? nameSrc.slice(0, sep) : nameSrc;
  const given = sep >= 0 ? nameSrc.slice(sep + 2) : '';
  const [dl, ds, de, dc] = layout.docNumber;
  let documentNumber = L[dl]!.slice(ds, de);
  if (layout.format === 'TD1' && L[dl]![dc] === '<') {
    const opt = first.slice(15, 30);
    const end = opt.indexOf('<');
    const tail = end > 0 ? opt.slice(0, end) : '';
    if (tail.length >= 2) documentNumber = documentNumber + tail.slice(0, -1);
  }
  let personal: string | null = null;
  if (layout.personal) personal = norm(L[layout.personal[0]]!.slice(layout.personal[1], layout.personal[2]));
  return {
    documentCode: norm(first.slice(0, 2)),
    issuingState: norm(first.slice(2, 5)),
    surname: norm(surname),
    givenNames: norm(given),
    documentNumber: norm(documentNumber),
    nationality: norm(L[layout.nationality[0]]!.slice(layout.nationality[1], layout.nationality[1] + 3)),
    birthDate: L[layout.birth[0]]!.slice(layout.birth[1], layout.birth[1] + 6),
    sex: norm(L[layout.sex[0]]![layout.sex[1]]!),
    expiryDate: L[layout.expiry[0]]!.slice(layout.expiry[1], layout.expiry[1] + 6),
    personalNumber: personal,
  };
}

/**
 * Check-digit validity as reported by the `mrz` package for the ICAO formats it parses
 * (TD1/TD2/TD3); null when it cannot parse the lines (visas, malformed input).
 */
export function icaoChecks(c: Candidate): { name: string; valid: boolean }[] | null {
  if (c.format !== 'TD1' && c.format !== 'TD2' && c.format !== 'TD3') return null;
  try {
    const r = parseIcao(c.lines);
    const byField: Record<string, string> = {
      documentNumberCheckDigit: 'documentNumber',
      birthDateCheckDigit: 'birthDate',
      expirationDateCheckDigit: 'expiryDate',
      personalNumberCheckDigit: 'personalNumber',
      compositeCheckDigit: 'composite',
    };
    const out: { name: string; valid: boolean }[] = [];
    for (const d of r.details) {
      const name = d.field ? byField[d.field] : undefined;
      if (name) out.push({ name, valid: d.valid });
    }
    return out;
  } catch {
    return null;
  }
}
