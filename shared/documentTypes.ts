/**
 * Identity document types accepted per issuing country, with their number formats.
 * Follows KillB's person document model (CO: NUIP, MX: RFC/CURP/INE/IFE, US: SSN, ...),
 * plus PASSPORT and NATIONAL_ID for every country.
 */
export const PERSON_DOCUMENT_TYPES = [
  'PASSPORT',
  'NATIONAL_ID',
  'DRIVER_LICENSE',
  'NUIP',
  'RFC',
  'CURP',
  'INE',
  'IFE',
  'SSN',
  'DNI',
  'DUI',
  'CPF',
] as const;
export type PersonDocumentType = (typeof PERSON_DOCUMENT_TYPES)[number];

export const COMPANY_DOCUMENT_TYPES = ['NIT', 'EIN', 'CNPJ', 'RFC', 'CUIT', 'USCC', 'RUT', 'REGISTRATION'] as const;
export type CompanyDocumentType = (typeof COMPANY_DOCUMENT_TYPES)[number];

/**
 * Person documents that never carry an ICAO 9303 machine-readable zone: driving licences (ISO
 * 18013, not ICAO) and tax or registry numbers, which are not identity cards. A passport, identity
 * card or voter card may carry one; no company document does.
 */
const MRZ_LESS_PERSON_TYPES: readonly PersonDocumentType[] = ['DRIVER_LICENSE', 'SSN', 'RFC', 'CURP', 'CPF'];

/** Whether a declared document of this type is expected to have no MRZ at all (so none found is no surprise). */
export function carriesNoMrz(type: string | null | undefined, profileType: 'PERSON' | 'COMPANY'): boolean {
  if (!type) return false;
  return profileType === 'COMPANY' || (MRZ_LESS_PERSON_TYPES as readonly string[]).includes(type);
}

interface NumberRule {
  /** Shown to the operator when the number does not match. */
  format: string;
  pattern: RegExp;
  /** Check-digit validation where the scheme has one. */
  checksum?: (normalised: string) => boolean;
}

const PASSPORT: NumberRule = { format: '6 to 9 letters or digits', pattern: /^[A-Z0-9]{6,9}$/ };
const NATIONAL_ID: NumberRule = { format: '4 to 20 letters, digits or dashes', pattern: /^[A-Z0-9-]{4,20}$/ };
const DRIVER_LICENSE: NumberRule = { format: '4 to 20 letters, digits or dashes', pattern: /^[A-Z0-9-]{4,20}$/ };

// Brazil's CPF: two mod-11 check digits; all-same-digit numbers pass the arithmetic but are invalid.
function cpfDigit(d: string, len: number): number {
  let sum = 0;
  for (let i = 0; i < len; i++) sum += Number(d[i]) * (len + 1 - i);
  const r = (sum * 10) % 11;
  return r === 10 ? 0 : r;
}
/** The two check digits for the first 9 digits of a CPF. */
export function cpfCheckDigits(first9: string): string {
  const d1 = cpfDigit(first9, 9);
  return `${d1}${cpfDigit(`${first9}${d1}`, 10)}`;
}
function cpfValid(d: string): boolean {
  if (/^(\d)\1{10}$/.test(d)) return false;
  return cpfCheckDigits(d.slice(0, 9)) === d.slice(9);
}

// Mexico's CURP: the 18th character is a check digit over the first 17 (RENAPO algorithm).
const CURP_ALPHABET = '0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ';
/** The 18th character of a CURP, from its first 17. */
export function curpCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CURP_ALPHABET.indexOf(first17[i] ?? '') * (18 - i);
  return String((10 - (sum % 10)) % 10);
}
function curpValid(c: string): boolean {
  return curpCheckDigit(c.slice(0, 17)) === c[17];
}

// El Salvador's DUI: 8 digits and a weighted mod-10 check digit.
export function duiCheckDigit(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(first8[i]) * (9 - i);
  return String((10 - (sum % 10)) % 10);
}
function duiValid(d: string): boolean {
  return duiCheckDigit(d.slice(0, 8)) === d[8];
}

const RULES: Record<PersonDocumentType, NumberRule> = {
  PASSPORT,
  NATIONAL_ID,
  DRIVER_LICENSE,
  NUIP: { format: '10 digits', pattern: /^\d{10}$/ },
  RFC: { format: '4 letters, 6 digits (YYMMDD), 3 characters', pattern: /^[A-ZÑ&]{4}\d{6}[A-Z0-9]{3}$/ },
  CURP: {
    format: '18 characters (e.g. GODE561231HDFRRN09)',
    pattern: /^[A-Z][AEIOUX][A-Z]{2}\d{6}[HMX][A-Z]{2}[B-DF-HJ-NP-TV-Z]{3}[A-Z0-9]\d$/,
    checksum: curpValid,
  },
  // Either number printed on the voter card: the 18-character clave de elector, or the
  // 13-digit OCR number on the back (KillB's INE example sends the latter).
  INE: { format: '18-character clave de elector or 13-digit OCR number', pattern: /^(?:[A-Z]{6}\d{8}[HM]\d{3}|\d{13})$/ },
  IFE: { format: '18-character clave de elector or 13-digit OCR number', pattern: /^(?:[A-Z]{6}\d{8}[HM]\d{3}|\d{13})$/ },
  SSN: { format: '9 digits (AAA-GG-SSSS)', pattern: /^(?!000|666|9\d\d)\d{3}(?!00)\d{2}(?!0000)\d{4}$/ },
  DNI: { format: '6 to 12 letters or digits', pattern: /^[A-Z0-9]{6,12}$/ },
  DUI: { format: '9 digits (########-#)', pattern: /^\d{9}$/, checksum: duiValid },
  CPF: { format: '11 digits (###.###.###-##)', pattern: /^\d{11}$/, checksum: cpfValid },
};

/** Which types each country accepts beyond PASSPORT and NATIONAL_ID (accepted everywhere). */
const BY_COUNTRY: Record<string, readonly PersonDocumentType[]> = {
  CO: ['NUIP', 'DRIVER_LICENSE'],
  MX: ['RFC', 'CURP', 'INE', 'IFE'],
  US: ['SSN', 'DRIVER_LICENSE'],
  BR: ['CPF', 'DNI'],
  SV: ['DUI', 'DNI'],
  // Canada has no national ID card; provincial driving licences are the everyday photo ID.
  CA: ['DRIVER_LICENSE'],
};
/** KillB's "other countries" tab: a national identity card (DNI) besides the passport. */
const OTHER_COUNTRIES: readonly PersonDocumentType[] = ['DNI'];

export function documentTypesFor(countryCode: string): PersonDocumentType[] {
  return ['PASSPORT', 'NATIONAL_ID', ...(BY_COUNTRY[countryCode] ?? OTHER_COUNTRIES)];
}

/** Types that need INE's extra fields (cic and identificadorCiudadano). */
export function requiresIneFields(type: PersonDocumentType): boolean {
  return type === 'INE';
}

/** Upper-case and drop the separators people type (spaces, dots, and dashes where the format has none). */
export function normaliseDocumentNumber(type: PersonDocumentType, raw: string): string {
  const upper = raw.trim().toUpperCase().replace(/\s+/g, '');
  if (type === 'SSN' || type === 'CPF' || type === 'DUI' || type === 'NUIP') return upper.replace(/[.-]/g, '');
  return upper;
}

/** `words`: how a form words the refusal in its own language (see schemas/common.ts). */
export type DocumentCheck = { valid: true; normalised: string } | { valid: false; message: string; words: { words: 'documentCountry' | 'documentFormat' | 'checkDigit'; type: string; scheme: 'person' | 'company'; format?: string } };

/** How the service's messages name a type: words where the code is not itself a name people use. */
const TYPE_WORDS: Partial<Record<PersonDocumentType, string>> = { PASSPORT: 'passport', NATIONAL_ID: 'national ID', DRIVER_LICENSE: "driver's licence" };

export function checkDocumentNumber(type: PersonDocumentType, countryCode: string, raw: string): DocumentCheck {
  const name = TYPE_WORDS[type] ?? type;
  if (!documentTypesFor(countryCode).includes(type)) {
    return { valid: false, message: `${name} is not accepted for country ${countryCode}`, words: { words: 'documentCountry', type, scheme: 'person' } };
  }
  const normalised = normaliseDocumentNumber(type, raw);
  const rule = RULES[type];
  if (!rule.pattern.test(normalised)) {
    return { valid: false, message: `${name} number must be ${rule.format}`, words: { words: 'documentFormat', type, scheme: 'person', format: rule.format } };
  }
  if (rule.checksum && !rule.checksum(normalised)) {
    return { valid: false, message: `${name} number fails its check digit`, words: { words: 'checkDigit', type, scheme: 'person' } };
  }
  return { valid: true, normalised };
}

/**
 * Company registration numbers: each national scheme is issued by one country (REGISTRATION, a
 * registry number of any other country, by all). Formats only: KillB's own NIT example carries a
 * check digit that does not verify, and every seed example must pass.
 */
const COMPANY_RULES: Record<CompanyDocumentType, NumberRule & { countries: readonly string[] | null }> = {
  NIT: { countries: ['CO'], format: '8 to 10 digits, with an optional -check digit', pattern: /^\d{8,10}(-\d)?$/ },
  EIN: { countries: ['US'], format: '9 digits (12-3456789)', pattern: /^\d{2}-?\d{7}$/ },
  CNPJ: { countries: ['BR'], format: '14 digits (12.345.678/0001-95)', pattern: /^\d{2}\.?\d{3}\.?\d{3}\/?\d{4}-?\d{2}$/ },
  RFC: { countries: ['MX'], format: '3 letters, 6 digits of the founding date and 3 letters or digits', pattern: /^[A-ZÑ&]{3}\d{6}[A-Z0-9]{3}$/ },
  CUIT: { countries: ['AR'], format: '11 digits (30-12345678-9)', pattern: /^\d{2}-?\d{8}-?\d$/ },
  USCC: { countries: ['CN'], format: '18 letters or digits', pattern: /^[0-9A-Z]{18}$/ },
  RUT: { countries: ['CL', 'UY'], format: 'Chile: 7 or 8 digits and a check digit or K; Uruguay: 12 digits', pattern: /^(\d{7,8}-?[\dK]|\d{12})$/ },
  REGISTRATION: { countries: null, format: '2 to 40 letters, digits, dots, slashes or dashes', pattern: /^[A-Z0-9][A-Z0-9./-]{1,39}$/ },
};

export function companyDocumentTypesFor(countryCode: string): CompanyDocumentType[] {
  return COMPANY_DOCUMENT_TYPES.filter((t) => COMPANY_RULES[t].countries?.includes(countryCode) ?? true);
}

export function companyDocumentNumberFormat(type: CompanyDocumentType): string {
  return COMPANY_RULES[type].format;
}

/** `normalised`: upper case without spaces, as stored. `field`: which part is wrong. */
export function checkCompanyDocumentNumber(type: CompanyDocumentType, countryCode: string, raw: string): DocumentCheck & { field?: 'type' | 'number' } {
  if (!companyDocumentTypesFor(countryCode).includes(type)) return { valid: false, field: 'type', message: `${type} is not issued in country ${countryCode}`, words: { words: 'documentCountry', type, scheme: 'company' } };
  // Colombia's NIT and Chile's RUT are written with thousands dots (900.123.456-7); the number is the digits.
  const upper = raw.trim().toUpperCase().replace(/\s+/g, '');
  const normalised = type === 'NIT' || type === 'RUT' ? upper.replace(/\./g, '') : upper;
  const rule = COMPANY_RULES[type];
  if (!rule.pattern.test(normalised)) return { valid: false, field: 'number', message: `${type} number must be ${rule.format}`, words: { words: 'documentFormat', type, scheme: 'company', format: rule.format } };
  return { valid: true, normalised };
}

export function documentNumberFormat(type: PersonDocumentType): string {
  return RULES[type].format;
}
