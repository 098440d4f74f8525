import { LAYOUT_FOR, type Cls, type Layout } from './mrzLayouts';
import { buildCandidate, checkDigit, isState, TO_ALPHA, TO_DIGIT, type Candidate } from './mrzText';
import { interpret, mrzLineCandidates } from './mrzInterpret';

/**
 * Combines two OCR engines' readings of the same MRZ crop. Their errors are complementary:
 * tesseract's legacy classifier reads the OCR-B filler `<` and the line structure reliably but
 * confuses letter shapes (M and W read as H or N); the LSTM reads letters in words well but
 * turns filler runs into K, L and C and sometimes inserts a character. The legacy reading is
 * the skeleton; the LSTM's letters replace legacy letters in name and code positions, and in
 * check-digit fields the check digit decides between the two engines' characters.
 */

type Column = [legacy: string | null, lstm: string | null];

const GAP = 1;
/** Most disagreeing positions of one field whose readings may be mixed (see voteCheckedField). */
const MAX_MIXED = 2;
/** Shapes either engine mistakes for one another: aligning them costs less than a real mismatch. */
const SIMILAR = ['0ODQU', '1IL7T', '2Z', '5S', '8B', '6G', '4A', '<KLCE', 'HMNW', 'UV', 'EF', 'RB'];
export const isLetter = (c: string): boolean => c >= 'A' && c <= 'Z';
const isDigit = (c: string): boolean => c >= '0' && c <= '9';

function substitution(a: string, b: string): number {
  if (a === b) return 0;
  if (SIMILAR.some((g) => g.includes(a) && g.includes(b))) return 0.5;
  // A filler against a letter or digit it does not resemble is rather a shift than a misread.
  return a === '<' || b === '<' ? 1.5 : 1;
}

/** Global alignment (Needleman-Wunsch) of two lines; each column pairs a character with one or a gap. */
export function alignLines(a: string, b: string): { columns: Column[]; cost: number } {
  const n = a.length;
  const m = b.length;
  const w = m + 1;
  const d = new Float64Array((n + 1) * w);
  for (let i = 0; i <= n; i++) d[i * w] = i * GAP;
  for (let j = 0; j <= m; j++) d[j] = j * GAP;
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      d[i * w + j] = Math.min(d[(i - 1) * w + j - 1]! + substitution(a[i - 1]!, b[j - 1]!), d[(i - 1) * w + j]! + GAP, d[i * w + j - 1]! + GAP);
    }
  }
  const columns: Column[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const here = d[i * w + j]!;
    if (i > 0 && j > 0 && here === d[(i - 1) * w + j - 1]! + substitution(a[i - 1]!, b[j - 1]!)) {
      columns.push([a[--i]!, b[--j]!]);
    } else if (i > 0 && here === d[(i - 1) * w + j]! + GAP) {
      columns.push([a[--i]!, null]);
    } else {
      columns.push([null, b[--j]!]);
    }
  }
  return { columns: columns.reverse(), cost: d[n * w + m]! };
}

/** A character as it would stand in a position of class `k` after the usual letter/digit repair. */
function asClass(c: string, k: Cls | undefined): string {
  if (k === 'A' && isDigit(c)) return TO_ALPHA[c] ?? c;
  if (k === 'N' && !isDigit(c)) return TO_DIGIT[c] ?? c;
  if (k === 'D' && !isDigit(c) && c !== '<') return TO_DIGIT[c] ?? c;
  return c;
}

/** One position of a name or code: which engine's character stands. */
function pickLetter(l: string, s: string): string {
  // Legacy fillers are reliable, and the LSTM does not invent fillers (it loses them).
  if (l === '<' || s === '<') return '<';
  // K, L and C from the LSTM are often a filler it misread; a legacy letter there is kept.
  if (isLetter(s) && !'KLC'.includes(s)) return s;
  return l;
}

interface Slot {
  l: string | null;
  s: string | null;
  pick: string;
}

function mergeLine(legacy: string, lstm: string, classes: string, lineLength: number): Slot[] {
  const { columns } = alignLines(legacy, lstm);
  // Characters only the LSTM saw are taken when the legacy reading lost some (spaces, merged glyphs).
  const takeInserts = legacy.length < lineLength;
  const slots: Slot[] = [];
  for (const [l, s] of columns) {
    if (l === null) {
      if (takeInserts && s !== null && (isDigit(s) || (isLetter(s) && !'KLC'.includes(s)))) slots.push({ l: null, s, pick: s });
      continue;
    }
    const k = classes[slots.length] as Cls | undefined;
    let pick = l;
    if (s !== null && s !== l) {
      if (k === 'A') pick = pickLetter(l, s);
      else if (k === 'S' && /[MFX<]/.test(s) && !/[MFX<]/.test(l)) pick = s;
    }
    slots.push({ l, s, pick });
  }
  return slots;
}

/**
 * In a field guarded by a check digit, the positions where the engines disagree are settled by
 * the check digit: the legacy reading if it verifies, else the LSTM's, else the one combination
 * of the two that verifies, if exactly one does. Nothing is guessed beyond what the engines read.
 */
function voteCheckedField(slots: Slot[], classes: string, start: number, end: number, checkPos: number): void {
  if (checkPos >= slots.length) return;
  const positions: number[] = [];
  for (let p = start; p <= checkPos; p++) {
    if (p >= end && p !== checkPos) continue;
    const x = slots[p]!;
    if (x.l !== null && x.s !== null && asClass(x.l, classes[p] as Cls) !== asClass(x.s, classes[p] as Cls)) positions.push(p);
  }
  if (positions.length === 0 || positions.length > 8) return;
  const valueOf = (choice: number): { field: string; check: string } => {
    const chars = slots.map((x, p) => {
      const i = positions.indexOf(p);
      const c = i < 0 ? x.pick : (choice >> i) & 1 ? x.s! : x.l!;
      return asClass(c, classes[p] as Cls);
    });
    return { field: chars.slice(start, end).join(''), check: chars[checkPos]! };
  };
  const verifies = (choice: number): boolean => {
    const v = valueOf(choice);
    return isDigit(v.check) && checkDigit(v.field) === Number(v.check);
  };
  const all = (1 << positions.length) - 1;
  let chosen: number | null = null;
  if (verifies(0)) chosen = 0;
  else if (verifies(all)) chosen = all;
  else if (positions.length <= MAX_MIXED) {
    // A check digit verifies one random reading in ten: mixing many positions would verify
    // some wrong combination by chance, so only a few disagreements are mixed.
    const valid: number[] = [];
    for (let choice = 1; choice < all; choice++) if (verifies(choice)) valid.push(choice);
    if (valid.length === 1) chosen = valid[0]!;
  }
  if (chosen === null) return;
  positions.forEach((p, i) => {
    const x = slots[p]!;
    x.pick = (chosen >> i) & 1 ? x.s! : x.l!;
  });
}

/** Issuing state and nationality: the merged code only when it is a known state or the legacy one is not. */
function keepKnownState(slots: Slot[], classes: string, start: number): void {
  const code = (pick: (x: Slot) => string | null): string =>
    slots
      .slice(start, start + 3)
      .map((x, i) => asClass(pick(x) ?? '<', classes[start + i] as Cls))
      .join('')
      .replace(/<+$/, '');
  if (isState(code((x) => x.pick))) return;
  // A legacy code read with digits in it is a misread, whatever it maps to.
  const legacyLetters = slots.slice(start, start + 3).every((x) => x.l !== null && !isDigit(x.l));
  if (legacyLetters && isState(code((x) => x.l))) for (const x of slots.slice(start, start + 3)) x.pick = x.l ?? x.pick;
  else if (isState(code((x) => x.s))) for (const x of slots.slice(start, start + 3)) x.pick = x.s ?? x.pick;
}

function mergeCandidate(base: Candidate, lstmLines: string[]): Candidate {
  const layout: Layout = LAYOUT_FOR(base.format);
  const merged = base.raw.map((legacy, li) => {
    // The LSTM line that best matches this legacy line; none when nothing is close.
    let best: { line: string; cost: number } | null = null;
    for (const line of lstmLines) {
      const cost = alignLines(legacy, line).cost / Math.max(legacy.length, line.length);
      if (!best || cost < best.cost) best = { line, cost };
    }
    if (!best || best.cost > 0.5) return legacy;
    const classes = layout.lines[li]!;
    const slots = mergeLine(legacy, best.line, classes, layout.lineLength);
    const fields: [number, number, number][] = [];
    const [dl, ds, de, dc] = layout.docNumber;
    if (dl === li) fields.push([ds, de, dc]);
    if (layout.birth[0] === li) fields.push([layout.birth[1], layout.birth[1] + 6, layout.birth[1] + 6]);
    if (layout.expiry[0] === li) fields.push([layout.expiry[1], layout.expiry[1] + 6, layout.expiry[1] + 6]);
    if (layout.personal && layout.personal[0] === li) fields.push([layout.personal[1], layout.personal[2], layout.personal[3]]);
    for (const [s, e, c] of fields) voteCheckedField(slots, classes, s, e, c);
    if (li === 0) keepKnownState(slots, classes, 2);
    if (layout.nationality[0] === li) keepKnownState(slots, classes, layout.nationality[1]);
    return slots.map((x) => x.pick).join('');
  });
  return buildCandidate(merged, layout);
}

/**
 * The legacy engine's candidate improved by the LSTM's reading of the same crop, or the
 * legacy candidate unchanged when the merge verifies fewer check digits.
 */
export function mergeReadings(legacy: Candidate, lstmText: string): Candidate {
  const lstmLines = mrzLineCandidates(lstmText);
  if (lstmLines.length === 0) return legacy;
  const merged = mergeCandidate(legacy, lstmLines);
  const chosen = validCount(merged) >= validCount(legacy) && merged.fit >= legacy.fit - 0.05 ? merged : legacy;
  return withVerifiedLines(chosen, interpret(lstmText));
}

const validCount = (c: Candidate): number => c.checks.filter((x) => x.valid).length;

/**
 * A line of the LSTM's own reading, taken whole when it verifies every check digit on that line
 * and the merged line verifies fewer. The position-by-position vote cannot get there when the
 * legacy engine lost or gained a character in the line: its fields then sit shifted, the
 * alignment pairs the wrong characters, and a shifted field can even verify by chance after
 * repair. A line whose every check digit verifies is the same evidence the vote accepts; names
 * carry no check digit, so a name line is never replaced.
 */
function withVerifiedLines(chosen: Candidate, lstm: Candidate | null): Candidate {
  if (!lstm || lstm.format !== chosen.format) return chosen;
  const layout = LAYOUT_FOR(chosen.format);
  const lineOf: Record<string, number | undefined> = {
    documentNumber: layout.docNumber[0],
    birthDate: layout.birth[0],
    expiryDate: layout.expiry[0],
    personalNumber: layout.personal?.[0],
    composite: layout.composite?.line,
  };
  const onLine = (c: Candidate, li: number) => c.checks.filter((x) => lineOf[x.name] === li);
  const lines = chosen.lines.map((line, li) => {
    const mine = onLine(chosen, li);
    const theirs = onLine(lstm, li);
    if (theirs.length === 0 || !theirs.every((x) => x.valid)) return line;
    return mine.filter((x) => x.valid).length < theirs.length ? lstm.lines[li]! : line;
  });
  if (lines.every((x, i) => x === chosen.lines[i])) return chosen;
  const rebuilt = buildCandidate(lines, layout);
  if (validCount(rebuilt) <= validCount(chosen)) return chosen;
  // The bookkeeping of what OCR read stays the merge's; the replaced positions count as changed.
  const changed = chosen.changed.map((row, li) => row.map((c, i) => c || lines[li]![i] !== chosen.lines[li]![i]));
  return { ...rebuilt, raw: chosen.raw, changed, corrections: chosen.corrections + rebuilt.corrections };
}
