import { DOCUMENT_CODE_FIRST, LAYOUT_FOR, LAYOUTS } from './mrzLayouts';
import { buildCandidate, cleanLine, TO_ALPHA, type Candidate } from './mrzText';

/** From OCR text to the best MRZ candidate it holds, and whether that candidate is an MRZ at all. */

/** Lines of OCR output that look like MRZ lines (long, MRZ alphabet, fillers or digits). */
export function mrzLineCandidates(text: string): string[] {
  return text
    .split(/\n/)
    .map(cleanLine)
    .filter((l) => l.length >= 24);
}

/**
 * The OCR text with a fragment of one or two characters set apart by whitespace at either end of
 * a line removed. An MRZ line has no gaps (fillers are '<'), but the edge of a card or a printed
 * frame a few pixels from the zone is read as a character of its own ("E I<MNG...", "I IRAGO..."),
 * and once the whitespace goes it shifts every field of the line.
 */
function withoutEdgeFragments(text: string): string {
  return text
    .split(/\n/)
    .map((line) => {
      let tokens = line.trim().split(/\s+/);
      if (tokens.length > 1 && tokens[0]!.length <= 2) tokens = tokens.slice(1);
      if (tokens.length > 1 && tokens[tokens.length - 1]!.length <= 2) tokens = tokens.slice(0, -1);
      return tokens.join(' ');
    })
    .join('\n');
}

/**
 * Best ICAO interpretation of OCR text, or null when it does not hold an MRZ. The text is read as
 * it is and without edge fragments (withoutEdgeFragments); the candidates compete on their check
 * digits and character classes, so a fragment that is part of the zone (an "I" the OCR set apart
 * from its '<') keeps the reading as it is.
 */
export function interpret(text: string): Candidate | null {
  const asRead = interpretLines(mrzLineCandidates(text));
  const trimmedText = withoutEdgeFragments(text);
  const trimmed = trimmedText === text ? null : interpretLines(mrzLineCandidates(trimmedText));
  if (!trimmed || !asRead) return asRead ?? trimmed;
  if (trimmed.score !== asRead.score) return trimmed.score > asRead.score ? trimmed : asRead;
  // A tie (a names line has no check digit): the reading whose lines have their layout's length
  // as read, with no character to drop or add, wins; an edge fragment is a character too many.
  return misfit(trimmed) < misfit(asRead) ? trimmed : asRead;
}

/** Characters a candidate's lines, as read, have too many or too few for its layout. */
function misfit(c: Candidate): number {
  const length = LAYOUT_FOR(c.format).lineLength;
  return c.raw.reduce((n, l) => n + Math.abs(l.length - length), 0);
}

function interpretLines(lines: string[]): Candidate | null {
  if (lines.length < 2) return null;
  const cands: Candidate[] = [];
  // Every window of 2 or 3 consecutive lines against every layout with that many lines.
  for (let i = 0; i < lines.length; i++) {
    for (const n of [2, 3]) {
      if (i + n > lines.length) continue;
      const win = lines.slice(i, i + n);
      const meanLen = win.reduce((a, l) => a + l.length, 0) / n;
      for (const layout of LAYOUTS) {
        if (layout.lines.length !== n) continue;
        if (Math.abs(meanLen - layout.lineLength) > 5) continue;
        if (win.some((l) => Math.abs(l.length - layout.lineLength) > 8)) continue;
        // The document code is alphabetic: 1DCHE... is IDCHE...
        const first = win[0]!.slice(0, 2).replace(/[0-9]/g, (d) => TO_ALPHA[d] ?? d) + win[0]!.slice(2);
        if (!DOCUMENT_CODE_FIRST[layout.format].includes(first[0]!)) continue;
        cands.push(buildCandidate(win, layout));
      }
    }
  }
  if (cands.length === 0) return null;
  cands.sort((a, b) => b.score - a.score);
  return cands[0]!;
}

/** Whether a candidate is an MRZ at all (false-detection guard). */
export function plausible(c: Candidate): boolean {
  const nValid = c.checks.filter((x) => x.valid).length;
  if (c.fit < 0.85) return false;
  const joined = c.lines.join('');
  if (!joined.includes('<<')) return false;
  return nValid >= 1;
}
