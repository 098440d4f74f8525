import { parse as parseMrz, states } from 'mrz';
import type { Extracted } from '../../../analysis/mrz/mrzFields';

/**
 * Random but valid ICAO 9303 machine readable zones (TD1 cards, TD2 cards, TD3 passports) with
 * real check digits, for the synthetic MRZ evaluation. Every zone is verified with the `mrz`
 * package before it is returned, so a generator bug cannot pass as a reader miss.
 *
 * The check digits are computed here rather than with the reader's own function
 * (analysis/mrz/mrzText.ts): a shared bug would otherwise cancel out and go unseen. The `mrz`
 * package does not export its check digit function.
 */

export type SyntheticFormat = 'TD1' | 'TD2' | 'TD3';
export const SYNTHETIC_FORMATS: readonly SyntheticFormat[] = ['TD1', 'TD2', 'TD3'];

/** The nine fields `npm run eval` scores, as printed (fillers as spaces, trimmed): the reader's fields but the personal number. */
export type MrzTruth = Omit<Extracted, 'personalNumber'>;

export interface RandomMrz {
  format: SyntheticFormat;
  lines: string[];
  truth: MrzTruth;
}

const LINE_LENGTH: Record<SyntheticFormat, number> = { TD1: 30, TD2: 36, TD3: 44 };

/** Real ICAO codes only (the package's list also holds `D`, Germany's one-letter code). */
const STATES = Object.keys(states).filter((s) => /^[A-Z]{3}$/.test(s));

// Name parts in MRZ form (transliterated, A-Z only), from many languages so names vary in
// length and letter mix the way real ones do.
const SURNAMES = [
  'ERIKSSON', 'GARCIA', 'MUELLER', 'NGUYEN', 'OKONKWO', 'SMITH', 'KOWALSKI', 'ROSSI', 'DUBOIS', 'SILVA',
  'YAMAMOTO', 'KIM', 'HAMALAINEN', 'PAPADOPOULOS', 'VAN<DER<BERG', 'OCONNOR', 'WOJCIECHOWSKA', 'ABDULLAH',
  'FERNANDEZ<LOPEZ', 'JOHANSSON', 'MOHAMMED', 'IVANOVA', 'HERNANDEZ', 'DE<LA<CRUZ', 'ZHANG', 'WANG',
  'SCHMIDT', 'BJORNSDOTTIR', 'MBEKI', 'QUINTERO', 'XU', 'LEE', 'ANDERSEN', 'NOWAK', 'HOFFMANN', 'BIANCHI',
  'TRAN', 'ADEYEMI', 'KAPOOR', 'SZABO', 'HORVATH', 'MARTINEZ', 'WILLIAMS', 'JOVANOVIC', 'YILMAZ', 'PETROV',
];
const GIVEN = [
  'ANNA', 'MARIA', 'JOHN', 'WEI', 'FATIMA', 'LUCAS', 'SOFIA', 'MOHAMED', 'OLGA', 'PIOTR', 'HANNA', 'JOSE',
  'CHIOMA', 'AKIRA', 'ZOE', 'QUENTIN', 'XAVIER', 'YUKI', 'BJORN', 'INGRID', 'KWAME', 'LEILA', 'MATEO',
  'NOOR', 'OSKAR', 'PRIYA', 'RAFAEL', 'SVETLANA', 'THEO', 'URSULA', 'VIKTOR', 'WILHELMINA', 'AMIR', 'EMMA',
  'GUSTAVO', 'HIROSHI', 'IMAN', 'JULIETTE', 'KATARZYNA', 'LIAM', 'MEI', 'NIKOLAI', 'ANNE<MARIE', 'JEAN<PAUL',
];

const DIGITS = '0123456789';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** ICAO 9303 part 3, 4.9: weights 7, 3, 1 repeating; A=10 ... Z=35, < = 0. */
export function icaoCheckDigit(s: string): string {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const v = c === '<' ? 0 : /[0-9]/.test(c) ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 55;
    sum += v * weights[i % 3]!;
  }
  return String(sum % 10);
}

type Rnd = () => number;
const pick = <T>(rnd: Rnd, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const chars = (rnd: Rnd, alphabet: string, n: number): string => Array.from({ length: n }, () => pick(rnd, [...alphabet])).join('');
const pad = (s: string, n: number): string => (s + '<'.repeat(n)).slice(0, n);
const two = (x: number): string => String(x).padStart(2, '0');

function yymmdd(rnd: Rnd, fromYear: number, toYear: number): string {
  const y = fromYear + Math.floor(rnd() * (toYear - fromYear + 1));
  const m = 1 + Math.floor(rnd() * 12);
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const d = 1 + Math.floor(rnd() * days);
  return `${two(y % 100)}${two(m)}${two(d)}`;
}

/** Document numbers as issuers print them: some all digits, some letters first, some short. */
function documentNumber(rnd: Rnd): string {
  const style = rnd();
  if (style < 0.4) return chars(rnd, DIGITS, 9);
  if (style < 0.75) return chars(rnd, LETTERS, 1 + Math.floor(rnd() * 2)) + chars(rnd, DIGITS, 7);
  if (style < 0.9) return chars(rnd, LETTERS + DIGITS, 9);
  return chars(rnd, DIGITS, 6 + Math.floor(rnd() * 3));
}

/** Primary and secondary identifiers, cut to fit the name field as ICAO 9303 truncates them. */
function nameField(rnd: Rnd, width: number): string {
  const compound = `${pick(rnd, SURNAMES)}<${pick(rnd, SURNAMES)}`;
  // Room is left for a given name: the `mrz` package (like many readers) requires one.
  const surname = rnd() < 0.2 && compound.length <= width - 6 ? compound : pick(rnd, SURNAMES);
  const givenCount = 1 + Math.floor(rnd() * 3);
  const given = Array.from({ length: givenCount }, () => pick(rnd, GIVEN)).join('<');
  let field = `${surname}<<${given}`;
  // Drop whole given names first, then cut the last one short: never end on a filler.
  while (field.length > width && field.lastIndexOf('<') > surname.length + 1) field = field.slice(0, field.lastIndexOf('<'));
  return pad(field.slice(0, width).replace(/<+$/, ''), width);
}

function sexOf(rnd: Rnd): string {
  const r = rnd();
  return r < 0.48 ? 'M' : r < 0.96 ? 'F' : '<';
}

const fillerOr = (rnd: Rnd, p: number, make: () => string, width: number): string => pad(rnd() < p ? make() : '', width);

function td3(rnd: Rnd): string[] {
  const code = rnd() < 0.85 ? 'P<' : pick(rnd, ['PD', 'PO', 'PS']);
  const l1 = code + pick(rnd, STATES) + nameField(rnd, 39);
  const doc = pad(documentNumber(rnd), 9);
  const birth = yymmdd(rnd, 1940, 2007);
  const expiry = yymmdd(rnd, 2025, 2036);
  const personal = fillerOr(rnd, 0.4, () => chars(rnd, DIGITS + LETTERS, 6 + Math.floor(rnd() * 8)), 14);
  const personalCheck = /^<+$/.test(personal) ? (rnd() < 0.5 ? '<' : '0') : icaoCheckDigit(personal);
  const a = doc + icaoCheckDigit(doc);
  const b = birth + icaoCheckDigit(birth);
  const c = expiry + icaoCheckDigit(expiry) + personal + personalCheck;
  const l2 = a + pick(rnd, STATES) + b + sexOf(rnd) + c;
  return [l1, l2 + icaoCheckDigit(a + b + c)];
}

function td2(rnd: Rnd): string[] {
  // No `ID`: two 36-character lines starting IDFRA are the French national ID card's own layout.
  const code = pick(rnd, ['I<', 'I<', 'IP', 'IR', 'AC', 'C<']);
  const l1 = code + pick(rnd, STATES) + nameField(rnd, 31);
  const doc = pad(documentNumber(rnd), 9);
  const birth = yymmdd(rnd, 1940, 2007);
  const expiry = yymmdd(rnd, 2025, 2036);
  const optional = fillerOr(rnd, 0.3, () => chars(rnd, DIGITS, 1 + Math.floor(rnd() * 7)), 7);
  const a = doc + icaoCheckDigit(doc);
  const b = birth + icaoCheckDigit(birth);
  const c = expiry + icaoCheckDigit(expiry) + optional;
  const l2 = a + pick(rnd, STATES) + b + sexOf(rnd) + c;
  return [l1, l2 + icaoCheckDigit(a + b + c)];
}

function td1(rnd: Rnd): string[] {
  const code = pick(rnd, ['I<', 'I<', 'ID', 'IR', 'AC', 'C<']);
  const doc = pad(documentNumber(rnd), 9);
  const optional1 = fillerOr(rnd, 0.5, () => chars(rnd, DIGITS + LETTERS, 2 + Math.floor(rnd() * 12)), 15);
  const l1 = code + pick(rnd, STATES) + doc + icaoCheckDigit(doc) + optional1;
  const birth = yymmdd(rnd, 1940, 2007);
  const expiry = yymmdd(rnd, 2025, 2036);
  const optional2 = fillerOr(rnd, 0.2, () => chars(rnd, DIGITS, 1 + Math.floor(rnd() * 10)), 11);
  const b = birth + icaoCheckDigit(birth);
  const e = expiry + icaoCheckDigit(expiry);
  const nat = pick(rnd, STATES);
  const composite = icaoCheckDigit(l1.slice(5, 30) + b + e + optional2);
  const l2 = b + sexOf(rnd) + e + nat + optional2 + composite;
  return [l1, l2, nameField(rnd, 30)];
}

const spaced = (s: string): string => s.replace(/</g, ' ').replace(/\s+/g, ' ').trim();

/** The scored fields read off the lines by position (the layouts above, ICAO 9303 parts 4-6). */
function truthOf(format: SyntheticFormat, lines: string[]): MrzTruth {
  const [l1, l2, l3] = lines as [string, string, string?];
  const names = format === 'TD1' ? l3! : l1.slice(5);
  const sep = names.indexOf('<<');
  const common = { documentCode: spaced(l1.slice(0, 2)), issuingState: l1.slice(2, 5), surname: spaced(names.slice(0, sep)), givenNames: spaced(names.slice(sep + 2)) };
  if (format === 'TD1') {
    return { ...common, documentNumber: spaced(l1.slice(5, 14)), nationality: l2.slice(15, 18), birthDate: l2.slice(0, 6), sex: spaced(l2[7]!), expiryDate: l2.slice(8, 14) };
  }
  return { ...common, documentNumber: spaced(l2.slice(0, 9)), nationality: l2.slice(10, 13), birthDate: l2.slice(13, 19), sex: spaced(l2[20]!), expiryDate: l2.slice(21, 27) };
}

/** One random zone of `format`; throws if the `mrz` package does not accept it as valid. */
export function randomMrz(rnd: Rnd, format: SyntheticFormat): RandomMrz {
  const lines = format === 'TD1' ? td1(rnd) : format === 'TD2' ? td2(rnd) : td3(rnd);
  if (lines.some((l) => l.length !== LINE_LENGTH[format])) throw new Error(`synthetic MRZ: ${format} line of the wrong length: ${lines.join(' / ')}`);
  const parsed = parseMrz(lines);
  if (parsed.format !== format || !parsed.valid) {
    const bad = parsed.details.filter((d) => !d.valid).map((d) => `${d.label}: ${d.error ?? 'invalid'}`);
    throw new Error(`synthetic MRZ: generated ${format} does not validate (${bad.join('; ')}): ${lines.join(' / ')}`);
  }
  return { format, lines, truth: truthOf(format, lines) };
}
