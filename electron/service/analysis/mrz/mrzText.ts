import { states as ICAO_STATES } from 'mrz';
import type { Cls, Layout, MrzFormat } from './mrzLayouts';

/**
 * From MRZ lines to a checked candidate: fit them to an ICAO 9303 layout, repair characters by
 * position type (digits where only digits may stand, letters where only letters may), and use
 * check digits to choose between ambiguous readings (7-3-1, also for MRV-A/MRV-B visas, which
 * the `mrz` package does not know). mrzInterpret.ts picks the lines out of OCR text;
 * mrzFields.ts reads the fields out of a candidate; the layouts are in mrzLayouts.ts.
 */

const CHAR_VALUE = (c: string): number => {
  if (c === '<') return 0;
  const code = c.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 90) return code - 55;
  return -1;
};

export function checkDigit(s: string): number {
  const w = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < s.length; i++) sum += Math.max(0, CHAR_VALUE(s[i]!)) * w[i % 3]!;
  return sum % 10;
}

export const TO_DIGIT: Record<string, string> = { O: '0', Q: '0', D: '0', U: '0', C: '0', I: '1', L: '1', T: '1', J: '1', Z: '2', S: '5', B: '8', G: '6', A: '4', E: '6', Y: '4', '<': '0' };
export const TO_ALPHA: Record<string, string> = { '0': 'O', '1': 'I', '2': 'Z', '4': 'A', '5': 'S', '6': 'G', '8': 'B', '3': 'B', '7': 'T', '9': 'G' };
/** Alternatives tried in document-number and other alphanumeric fields when a check digit fails. */
const CONFUSABLE: Record<string, string[]> = {
  '0': ['O', 'D', 'Q'],
  O: ['0', 'D', 'Q'],
  D: ['0', 'O'],
  Q: ['0', 'O'],
  '1': ['I', 'L', '7'],
  I: ['1', 'L'],
  L: ['1', 'I'],
  '2': ['Z'],
  Z: ['2'],
  '5': ['S', '6'],
  S: ['5'],
  '8': ['B', '3', '6', '0'],
  B: ['8'],
  '6': ['G', '8', '5'],
  G: ['6'],
  '3': ['8'],
  '7': ['1'],
  '4': ['A'],
  A: ['4'],
  '9': ['0'],
  '<': ['K', 'C', 'L'],
  K: ['<'],
};
/** Digit alternatives for numeric fields whose check digit fails. */
const DIGIT_CONFUSABLE: Record<string, string[]> = {
  '0': ['8', '6', '9'],
  '1': ['7', '4'],
  '2': ['7', '3'],
  '3': ['8', '9', '5', '2'],
  '4': ['1', '9'],
  '5': ['6', '3', '8'],
  '6': ['5', '8', '0'],
  '7': ['1', '2'],
  '8': ['3', '0', '6', '9', '5'],
  '9': ['8', '0', '3', '4'],
};

/** Upper-case, fillers unified, only the MRZ alphabet kept. */
export function cleanLine(raw: string): string {
  return raw
    .toUpperCase()
    .replace(/[«‹<([{]/g, '<')
    .replace(/\s+/g, '')
    .replace(/[^A-Z0-9<]/g, '');
}

/** Fit a line to `len`: surplus/missing characters go into (or out of) the longest filler run. */
function fitLength(line: string, len: number): string {
  let s = line;
  while (s.length > len) {
    const m = longestRun(s);
    if (m && m.length > 1) s = s.slice(0, m.start) + s.slice(m.start + 1);
    else if (s.endsWith('<') || s.length - len > 0) s = s.slice(0, -1);
  }
  if (s.length < len) {
    const m = longestRun(s);
    // Fillers at the end are the usual casualty; otherwise widen the longest run.
    if (m && m.start + m.length === s.length) s = s + '<'.repeat(len - s.length);
    else if (m && m.length >= 3) s = s.slice(0, m.start) + '<'.repeat(len - s.length) + s.slice(m.start);
    else s = s + '<'.repeat(len - s.length);
  }
  return s;
}

function longestRun(s: string): { start: number; length: number } | null {
  let best: { start: number; length: number } | null = null;
  const re = /<+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) if (!best || m[0].length > best.length) best = { start: m.index, length: m[0].length };
  return best;
}

interface Repaired {
  lines: string[];
  corrections: number;
  /** Per-line, per-position: was this character changed. */
  changed: boolean[][];
}

/** Fillers misread inside filler runs: `<<K<<`, `<<KL<`, trailing junk after a run of 3+. */
function fixFillerRuns(s: string, from: number, to: number): string {
  const seg = s.slice(from, to);
  let out = seg;
  // Isolated 1-2 characters of <-lookalikes between fillers.
  out = out.replace(/<([KLCXEIZ1]{1,2})(?=<)/g, (_m, g: string) => '<' + '<'.repeat(g.length));
  return s.slice(0, from) + out + s.slice(to);
}

function repairNames(s: string, from: number, to: number): string {
  let seg = s.slice(from, to);
  // A name never contains three fillers in a row: after the first such run, all is filler.
  const m = /<<<+/.exec(seg);
  if (m) seg = seg.slice(0, m.index) + '<'.repeat(seg.length - m.index);
  // Lookalikes of < among the trailing fillers. Only after a filler: a name that ends in K, L
  // or C right before the fillers (MICHAEL<<<, PAUL<<<) keeps its last letter.
  seg = seg.replace(/<[KLC<]*$/, (t) => '<'.repeat(t.length));
  return s.slice(0, from) + seg + s.slice(to);
}

function applyClasses(lines: string[], layout: Layout): Repaired {
  const out: string[] = [];
  const changed: boolean[][] = [];
  let corrections = 0;
  lines.forEach((line0, li) => {
    const cls = layout.lines[li]!;
    let line = line0;
    if (li === layout.names[0]) line = repairNames(line, layout.names[1], layout.names[2]);
    line = fixFillerRuns(line, 0, line.length);
    const chars = line.split('');
    const ch: boolean[] = [];
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      const k = cls[i] as Cls;
      let r = c;
      if (k === 'A' && /[0-9]/.test(c)) r = TO_ALPHA[c] ?? c;
      else if (k === 'N' && !/[0-9]/.test(c)) r = TO_DIGIT[c] ?? c;
      else if (k === 'D' && !/[0-9<]/.test(c)) r = TO_DIGIT[c] ?? c;
      else if (k === 'S' && !/[MFX<]/.test(c)) r = c === 'E' || c === 'P' ? 'F' : c === 'H' || c === 'N' ? 'M' : c;
      chars[i] = r;
      const diff = r !== line0[i];
      ch.push(diff);
      if (diff) corrections++;
    }
    out.push(chars.join(''));
    changed.push(ch);
  });
  return { lines: out, corrections, changed };
}

/**
 * Try confusable substitutions (1, then 2) in `line[start,end)` so that check digit at `checkPos`
 * verifies. `date`: the field is a YYMMDD date (digits only), and a repair must also give a date a
 * document can carry (possibleDate): a check digit is one digit of evidence, and about one
 * single-digit change in ten verifies by chance, so a month 13 or an April 31 that verifies is such
 * a chance, and it must not count as a rival either, or it makes the true repair look ambiguous.
 */
function repairByCheck(line: string, start: number, end: number, checkPos: number, date: boolean): { line: string; fixes: number } | null {
  const field = line.slice(start, end);
  const check = line[checkPos]!;
  const verifies = (f: string, c: string): boolean => /[0-9]/.test(c) && checkDigit(f) === Number(c);
  if (verifies(field, check)) return { line, fixes: 0 };
  const ok = (f: string, c: string): boolean => verifies(f, c) && (!date || possibleDate(f));
  const alts = (c: string): string[] => (date ? (DIGIT_CONFUSABLE[c] ?? []) : (CONFUSABLE[c] ?? []));
  const checkAlts = /[0-9]/.test(check) ? [check, ...(DIGIT_CONFUSABLE[check] ?? [])] : [TO_DIGIT[check] ?? '0'];
  const solutions: { f: string; c: string; cost: number }[] = [];
  // Single substitution in the field, or the check digit itself misread.
  for (const c of checkAlts) {
    const cost0 = c === check ? 0 : 1;
    if (ok(field, c) && cost0 > 0) solutions.push({ f: field, c, cost: cost0 });
    for (let i = 0; i < field.length; i++) {
      for (const a of alts(field[i]!)) {
        const f = field.slice(0, i) + a + field.slice(i + 1);
        if (ok(f, c)) solutions.push({ f, c, cost: cost0 + 1 });
      }
    }
  }
  if (!date && solutions.length === 0) {
    for (let i = 0; i < field.length; i++)
      for (let j = i + 1; j < field.length; j++)
        for (const a of alts(field[i]!))
          for (const b of alts(field[j]!)) {
            const f = field.slice(0, i) + a + field.slice(i + 1, j) + b + field.slice(j + 1);
            if (ok(f, check)) solutions.push({ f, c: check, cost: 2 });
          }
  }
  if (solutions.length === 0) return null;
  const best = Math.min(...solutions.map((s) => s.cost));
  const top = solutions.filter((s) => s.cost === best);
  // Ambiguous repairs are not repairs.
  const uniq = new Set(top.map((s) => s.f + s.c));
  if (uniq.size !== 1) return null;
  const s = top[0]!;
  const fixed = line.slice(0, start) + s.f + line.slice(end, checkPos) + s.c + line.slice(checkPos + 1);
  return { line: fixed, fixes: best };
}

/**
 * O, D and Q in a document number are nearly always a misread 0 (issuers avoid the letter O
 * next to digits): after the first two characters they become 0 when the check digit then
 * verifies, whether or not the reading as printed happened to verify too.
 */
function preferDigits(line: string, start: number, end: number, checkPos: number): string {
  const field = line.slice(start, end);
  const alt = field.slice(0, 2) + field.slice(2).replace(/[ODQ]/g, '0');
  const check = line[checkPos]!;
  if (alt === field || !/[0-9]/.test(check) || checkDigit(alt) !== Number(check)) return line;
  return line.slice(0, start) + alt + line.slice(end);
}

/** Letter pairs the OCR confuses; used only to turn an unknown state code into a known one. */
const LETTER_CONFUSABLE: Record<string, string> = {
  H: 'MWN',
  M: 'HNW',
  W: 'HNUM',
  N: 'HMW',
  U: 'WVO',
  V: 'UY',
  O: 'DQC',
  D: 'O',
  Q: 'O',
  C: 'GOE',
  G: 'C',
  E: 'FBC',
  F: 'E',
  B: 'ER',
  R: 'B',
  I: 'L',
  L: 'I',
};
/** A code on the package's ICAO list; no extra codes, so specimens are read as any document is. */
export const isState = (code: string): boolean => Object.hasOwn(ICAO_STATES, code);

/** A 3-character state field that is no known code, fixed when exactly one confusable swap makes it one. */
function repairState(line: string, start: number): { line: string; fixes: number } {
  const raw = line.slice(start, start + 3);
  const code = raw.replace(/<+$/, '');
  if (code.length === 0 || isState(code) || code.includes('<')) return { line, fixes: 0 };
  const found = new Set<string>();
  for (let i = 0; i < raw.length; i++) {
    for (const a of LETTER_CONFUSABLE[raw[i]!] ?? '') {
      const alt = raw.slice(0, i) + a + raw.slice(i + 1);
      if (isState(alt.replace(/<+$/, ''))) found.add(alt);
    }
  }
  if (found.size !== 1) return { line, fixes: 0 };
  const [alt] = [...found];
  return { line: line.slice(0, start) + alt + line.slice(start + 3), fixes: 1 };
}

/** A YYMMDD that is a calendar date (any century). */
/** Days in each month; February 29, since the century is unknown. */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A YYMMDD a document can carry: a calendar date, or one whose day, or month and day, are 00
 * (ICAO 9303 fills an unknown day or month with fillers, which the classes turn into 0). The date
 * repair's test; validDate, stricter, scores a candidate.
 */
function possibleDate(d: string): boolean {
  if (!/^[0-9]{6}$/.test(d)) return false;
  const m = Number(d.slice(2, 4));
  const day = Number(d.slice(4, 6));
  if (m === 0) return day === 0;
  return m <= 12 && day <= MONTH_DAYS[m - 1]!;
}

export function validDate(d: string): boolean {
  if (!/^[0-9]{6}$/.test(d)) return false;
  const m = Number(d.slice(2, 4));
  const day = Number(d.slice(4, 6));
  return m >= 1 && m <= 12 && day >= 1 && day <= 31;
}

export interface Candidate {
  format: MrzFormat;
  lines: string[];
  corrections: number;
  checks: { name: string; valid: boolean }[];
  /** Structural plausibility in [0,1]; fraction of positions whose raw OCR class already fit. */
  fit: number;
  score: number;
  changed: boolean[][];
  /** The OCR lines this candidate was built from, cleaned but not yet fitted or repaired. */
  raw: string[];
}

function evaluateChecks(lines: string[], layout: Layout): { name: string; valid: boolean }[] {
  const at = (l: number, s: number, e: number): string => lines[l]!.slice(s, e);
  const verify = (v: string, c: string | undefined): boolean => c !== undefined && /[0-9]/.test(c) && checkDigit(v) === Number(c);
  const [dl, ds, de, dc] = layout.docNumber;
  const checks: { name: string; valid: boolean }[] = [];
  let docValid = verify(at(dl, ds, de), lines[dl]![dc]);
  if (!docValid && lines[dl]![dc] === '<' && layout.format === 'TD1') {
    // Long document number continued in the optional data; its check digit ends the run.
    const opt = at(0, 15, 30);
    const end = opt.indexOf('<');
    const tail = end > 0 ? opt.slice(0, end) : opt;
    if (tail.length >= 2) docValid = verify(at(0, 5, 14) + '<' + tail.slice(0, -1), tail.slice(-1));
  }
  checks.push({ name: 'documentNumber', valid: docValid });
  checks.push({ name: 'birthDate', valid: verify(at(layout.birth[0], layout.birth[1], layout.birth[1] + 6), lines[layout.birth[0]]![layout.birth[1] + 6]) });
  checks.push({ name: 'expiryDate', valid: verify(at(layout.expiry[0], layout.expiry[1], layout.expiry[1] + 6), lines[layout.expiry[0]]![layout.expiry[1] + 6]) });
  if (layout.personal) {
    const [pl, ps, pe, pc] = layout.personal;
    const v = at(pl, ps, pe);
    const c = lines[pl]![pc];
    checks.push({ name: 'personalNumber', valid: verify(v, c) || (c === '<' && /^<+$/.test(v)) });
  }
  if (layout.composite) {
    const s = layout.composite.ranges.map(([l, a, b]) => at(l, a, b)).join('');
    checks.push({ name: 'composite', valid: verify(s, lines[layout.composite.line]![layout.composite.pos]) });
  }
  return checks;
}

function classFit(lines: string[], layout: Layout): number {
  let good = 0;
  let total = 0;
  lines.forEach((line, li) => {
    const cls = layout.lines[li]!;
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      const k = cls[i];
      total++;
      if (k === 'A' ? /[A-Z<]/.test(c) : k === 'N' ? /[0-9]/.test(c) : k === 'D' ? /[0-9<]/.test(c) : k === 'S' ? /[MFX<]/.test(c) : true) good++;
    }
  });
  return total ? good / total : 0;
}

export function buildCandidate(rawLines: string[], layout: Layout): Candidate {
  const fitted = rawLines.map((l) => fitLength(l, layout.lineLength));
  const fit = classFit(fitted, layout);
  const rep = applyClasses(fitted, layout);
  let lines = rep.lines;
  let corrections = rep.corrections;
  const changed = rep.changed;
  // Check-digit guided repair: document number (alphanumeric), then the dates.
  const fixField = (l: number, s: number, e: number, c: number, date: boolean): void => {
    const r = repairByCheck(lines[l]!, s, e, c, date);
    if (r && r.fixes > 0) {
      for (let i = s; i <= c; i++) if (r.line[i] !== lines[l]![i]) changed[l]![i] = true;
      lines = lines.map((x, i) => (i === l ? r.line : x));
      corrections += r.fixes;
    }
  };
  const [dl, ds, de, dc] = layout.docNumber;
  if (lines[dl]![dc] !== '<') {
    fixField(dl, ds, de, dc, false);
    const preferred = preferDigits(lines[dl]!, ds, de, dc);
    if (preferred !== lines[dl]) {
      for (let i = ds; i < de; i++) if (preferred[i] !== lines[dl]![i]) changed[dl]![i] = true;
      lines = lines.map((x, i) => (i === dl ? preferred : x));
      corrections++;
    }
  }
  fixField(layout.birth[0], layout.birth[1], layout.birth[1] + 6, layout.birth[1] + 6, true);
  fixField(layout.expiry[0], layout.expiry[1], layout.expiry[1] + 6, layout.expiry[1] + 6, true);
  for (const [l, st] of [[0, 2], layout.nationality] as const) {
    const r = repairState(lines[l]!, st);
    if (r.fixes > 0) {
      for (let i = st; i < st + 3; i++) if (r.line[i] !== lines[l]![i]) changed[l]![i] = true;
      lines = lines.map((x, i) => (i === l ? r.line : x));
      corrections += r.fixes;
    }
  }
  const checks = evaluateChecks(lines, layout);
  const nValid = checks.filter((c) => c.valid).length;
  const birth = lines[layout.birth[0]]!.slice(layout.birth[1], layout.birth[1] + 6);
  const expiry = lines[layout.expiry[0]]!.slice(layout.expiry[1], layout.expiry[1] + 6);
  const sex = lines[layout.sex[0]]![layout.sex[1]]!;
  let score = nValid / checks.length + fit;
  if (validDate(birth)) score += 0.2;
  if (validDate(expiry)) score += 0.2;
  if (/[MFX<]/.test(sex)) score += 0.1;
  score -= 0.01 * corrections;
  return { format: layout.format, lines, corrections, checks, fit, score, changed, raw: rawLines };
}
