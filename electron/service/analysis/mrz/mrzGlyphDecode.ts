import { GLYPH_CHARS } from './mrzGlyphGeometry';
import { ocrLettersAt } from './mrzGlyphPrior';
import { DOCUMENT_CODE_FIRST, LAYOUTS, type Cls, type Layout } from './mrzLayouts';
import { checkDigit, isState, validDate } from './mrzText';

/**
 * From the glyph reader's correlations (every glyph's match at every position) to MRZ lines, one
 * text per ICAO layout of that shape. Unlike an OCR engine's text, each position keeps how well
 * every other character matched, so the layout's rules choose among them: only digits where the
 * layout has digits, letters where it has letters, and in a field whose check digit fails, the
 * valid reading that gives up the least match (at most two characters changed).
 */

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const ALLOWED: Record<Cls, string> = { A: `${LETTERS}<`, N: DIGITS, D: `${DIGITS}<`, X: GLYPH_CHARS, S: 'MFX<' };
const INDEX = new Map([...GLYPH_CHARS].map((c, i) => [c, i]));
/** Alternatives per position a check-digit repair looks at, and how many positions it may change. */
const ALTERNATIVES = 3;
const MAX_CHANGES = 2;
/**
 * A repair may only choose a character that matched nearly as well as the one it replaces (in
 * correlation): where the glyph was clear, a failing check digit is a fact about the document
 * (a non-compliant or altered MRZ), not a misreading to be fixed.
 */
const CLOSE_MATCH = 0.1;
/**
 * How close to the glyphs' best the LSTM's letter must have matched to stand on the LSTM's word
 * alone (on synthetic seed 7, where the glyphs and the LSTM disagree on a letter the LSTM is right
 * about twice as often; both engines agreeing against the glyphs, fifteen times as often, and they
 * get CLOSE_MATCH).
 */
const LSTM_MATCH = 0.05;

const score = (cell: Float32Array, ch: string): number => cell[INDEX.get(ch)!]!;

/** The allowed characters of a position, best match first. */
function ranked(cell: Float32Array, cls: Cls): string[] {
  return [...ALLOWED[cls]].sort((a, b) => score(cell, b) - score(cell, a));
}

/** A character position: line and column. */
export type Pos = [line: number, col: number];

interface Check {
  /** The positions the check digit covers, and the check digit's own. */
  value: Pos[];
  check: Pos;
  /** Further rule the value must meet (dates). */
  valid?: (value: string) => boolean;
}

const span = (line: number, start: number, end: number): Pos[] => [...Array(end - start).keys()].map((k): Pos => [line, start + k]);

function checksOf(layout: Layout): { fields: Check[]; composite: Check | null } {
  const [dl, ds, de, dc] = layout.docNumber;
  const fields: Check[] = [
    { value: span(dl, ds, de), check: [dl, dc] },
    { value: span(layout.birth[0], layout.birth[1], layout.birth[1] + 6), check: [layout.birth[0], layout.birth[1] + 6], valid: validDate },
    { value: span(layout.expiry[0], layout.expiry[1], layout.expiry[1] + 6), check: [layout.expiry[0], layout.expiry[1] + 6], valid: validDate },
  ];
  if (layout.personal) {
    const [pl, ps, pe, pc] = layout.personal;
    fields.push({ value: span(pl, ps, pe), check: [pl, pc] });
  }
  const c = layout.composite;
  const composite = c ? { value: c.ranges.flatMap(([line, start, end]) => span(line, start, end)), check: [c.line, c.pos] as Pos } : null;
  return { fields, composite };
}

const at = (chars: string[][], [line, col]: Pos): string => chars[line]![col]!;

function holds(chars: string[][], c: Check): boolean {
  const value = c.value.map((p) => at(chars, p)).join('');
  const check = at(chars, c.check);
  // A filler check digit stands for an empty field (optional data, a personal number left blank).
  return (check === '<' ? /^<*$/.test(value) : String(checkDigit(value)) === check) && (c.valid?.(value) ?? true);
}

/**
 * The reading with characters changed at up to MAX_CHANGES of `positions` so that `valid` holds
 * (a field's or the composite check digit), changing the least match: among each position's
 * next-best allowed characters that matched nearly as well. Null when no such reading exists.
 */
function repair(chars: string[][], cells: Float32Array[][], layout: Layout, positions: Pos[], valid: (chars: string[][]) => boolean): string[][] | null {
  const options = positions.map(([line, col]) => {
    const cell = cells[line]![col]!;
    // Cost against the glyphs' best allowed character, not the one standing (which may be the engines').
    const best = score(cell, ranked(cell, layout.lines[line]![col] as Cls)[0]!);
    return ranked(cell, layout.lines[line]![col] as Cls)
      .filter((ch) => ch !== chars[line]![col])
      .slice(0, ALTERNATIVES)
      .map((ch) => ({ line, col, ch, cost: best - score(cell, ch) }))
      .filter((x) => x.cost <= CLOSE_MATCH);
  });
  // Every combination of close alternatives at distinct positions, the cheapest valid one kept
  // (depth-first; a branch stops once it costs more than the best found).
  let best: { chars: string[][]; cost: number } | null = null;
  const next = chars.map((l) => [...l]);
  const search = (from: number, changes: number, cost: number): void => {
    if (best && cost >= best.cost) return;
    if (changes > 0 && valid(next)) {
      best = { chars: next.map((l) => [...l]), cost };
      return;
    }
    if (changes === MAX_CHANGES) return;
    for (let k = from; k < options.length; k++) {
      for (const x of options[k]!) {
        next[x.line]![x.col] = x.ch;
        search(k + 1, changes + 1, cost + x.cost);
        next[x.line]![x.col] = chars[x.line]![x.col]!;
      }
    }
  };
  search(0, 0, 0);
  return (best as { chars: string[][] } | null)?.chars ?? null;
}

/** A state code as read: trailing fillers dropped (Germany's D<<). */
const codeAt = (chars: string[][], code: Pos[]): string => code.map((p) => at(chars, p)).join('').replace(/<+$/, '');

/**
 * A state code on no ICAO list with one character changed so that it is on it: only when exactly
 * one such change uses a character that matched within CLOSE_MATCH of its position's best, and
 * not at a position `locked` keeps. A code on no list is itself worth a reviewer's eye (a specimen's
 * UTO, a code newer than the list, a forgery), and a state or nationality has no check digit to
 * confirm a guess: a second candidate means no repair. Null when the code stays.
 */
function repairCode(chars: string[][], cells: Float32Array[][], layout: Layout, code: Pos[], locked: (p: Pos) => boolean): string[][] | null {
  const read = codeAt(chars, code);
  if (read === '' || read.includes('<') || isState(read)) return null;
  const found: { line: number; col: number; ch: string }[] = [];
  for (const [line, col] of code) {
    if (locked([line, col])) continue;
    const cell = cells[line]![col]!;
    const options = ranked(cell, layout.lines[line]![col] as Cls);
    const best = score(cell, options[0]!);
    for (const ch of options) {
      if (ch === chars[line]![col] || ch === '<' || best - score(cell, ch) > CLOSE_MATCH) continue;
      const next = chars.map((l) => [...l]);
      next[line]![col] = ch;
      if (isState(codeAt(next, code))) found.push({ line, col, ch });
    }
  }
  if (found.length !== 1) return null;
  const [{ line, col, ch }] = found as [{ line: number; col: number; ch: string }];
  const next = chars.map((l) => [...l]);
  next[line]![col] = ch;
  return next;
}

const key = ([line, col]: Pos): string => `${line}:${col}`;

/** A decoded zone: its text, the positions the decoding changed, and the checks that held as matched. */
export interface GlyphDecoding {
  /** Lines joined by newlines, as OCR text. */
  text: string;
  /** Positions whose character is not the glyphs' best allowed one (engines' characters, repairs). */
  changed: Pos[];
  /** Check digits (fields and composite) that held before any change. */
  heldAsMatched: number;
}

/**
 * One decoding per layout with this many lines of this length whose document code's first
 * letter the glyphs favour (a card's I, A or C, a visa's V). `engines` is the OCR engines' reading
 * of the same crop: where it has the same shape, its character stands wherever the glyphs matched
 * it nearly as well as their best (O and C, 1 and I in small print), since the engines read
 * letters from their shapes in context and the glyphs cannot tell those apart. `raw` is each
 * engine's text of the crop, whatever its shape: its letters, aligned to the glyphs' reading
 * (mrzGlyphPrior), stand in letter positions where both engines read the same one within
 * CLOSE_MATCH, or the LSTM alone within LSTM_MATCH.
 */
export function decodeGlyphs(lines: Float32Array[][], engines: readonly string[] | null, raw: { legacy: string; lstm: string } = { legacy: '', lstm: '' }): GlyphDecoding[] {
  const sameShape = engines && engines.length === lines.length && engines.every((l, i) => l.length === lines[i]!.length) ? engines : null;
  const shaped = LAYOUTS.filter((l) => l.lines.length === lines.length && lines.every((cells) => cells.length === l.lineLength));
  const firstScore = (layout: Layout): number => Math.max(...[...DOCUMENT_CODE_FIRST[layout.format]].map((ch) => score(lines[0]![0]!, ch)));
  const top = Math.max(...shaped.map(firstScore));
  const out: GlyphDecoding[] = [];
  for (const layout of shaped.filter((l) => firstScore(l) === top)) {
    const matched = lines.map((cells, i) => cells.map((cell, p) => ranked(cell, layout.lines[i]![p] as Cls)[0]!));
    matched[0]![0] = [...DOCUMENT_CODE_FIRST[layout.format]].sort((a, b) => score(lines[0]![0]!, b) - score(lines[0]![0]!, a))[0]!;
    const texts = matched.map((l) => l.join(''));
    const lstm = ocrLettersAt(texts, raw.lstm);
    const legacy = ocrLettersAt(texts, raw.legacy);
    let chars = lines.map((cells, i) =>
      cells.map((cell, p) => {
        const options = ranked(cell, layout.lines[i]![p] as Cls);
        const within = (theirs: string | null | undefined, margin: number): theirs is string => !!theirs && options.includes(theirs) && score(cell, options[0]!) - score(cell, theirs) <= margin;
        const s = lstm[i]![p];
        if (s && s === legacy[i]![p] && within(s, CLOSE_MATCH)) return s;
        if (within(sameShape?.[i]![p], CLOSE_MATCH)) return sameShape![i]![p]!;
        return within(s, LSTM_MATCH) ? s : options[0]!;
      }),
    );
    chars[0]![0] = [...DOCUMENT_CODE_FIRST[layout.format]].sort((a, b) => score(lines[0]![0]!, b) - score(lines[0]![0]!, a))[0]!;
    const { fields, composite } = checksOf(layout);
    const heldAsMatched = [...fields, ...(composite ? [composite] : [])].filter((c) => holds(matched, c)).length;
    const settled = new Set<string>();
    for (const f of fields) {
      // A TD1 document number longer than 9 characters goes on in the optional data, its check
      // digit after it and a filler in the check position: not a field this repair can check.
      if (layout.format === 'TD1' && f === fields[0] && at(chars, f.check) === '<' && !/^<+$/.test(f.value.map((q) => at(chars, q)).join(''))) continue;
      if (!holds(chars, f)) chars = repair(chars, lines, layout, [...f.value, f.check], (x) => holds(x, f)) ?? chars;
      if (holds(chars, f)) for (const p of [...f.value, f.check]) settled.add(key(p));
    }
    // The composite check digit covers the fields above and the optional data: only what no
    // field's own check digit has settled may change for it.
    if (composite && !holds(chars, composite)) {
      const open = [...composite.value, composite.check].filter((p) => !settled.has(key(p)));
      chars = repair(chars, lines, layout, open, (x) => holds(x, composite)) ?? chars;
    }
    // The issuing state and the nationality are codes from a closed list, as a check digit is a
    // closed rule; but no digit checks them, so a code on no list changes only where one swap
    // gives one listed code, and never where an OCR engine read the character standing there.
    const engineRead = ([i, p]: Pos): boolean => sameShape?.[i]![p] === chars[i]![p] || (lstm[i]![p] === chars[i]![p] && legacy[i]![p] === chars[i]![p]);
    for (const [line, start] of [[0, 2], layout.nationality] as const) {
      chars = repairCode(chars, lines, layout, span(line, start, start + 3), engineRead) ?? chars;
    }
    const changed = chars.flatMap((l, i) => l.flatMap((ch, p): Pos[] => (ch === matched[i]![p] ? [] : [[i, p]])));
    out.push({ text: chars.map((l) => l.join('')).join('\n'), changed, heldAsMatched });
  }
  return out;
}
