import { alignLines, isLetter } from './mrzVote';

/**
 * The OCR engines' letters at the glyph reader's positions, from their raw text of the same crop.
 * On a degraded crop the LSTM still reads most letters of the names right (it reads words in
 * context) while it loses fillers and shifts columns; the glyph grid keeps the columns but
 * confuses letter shapes (H and M, O and D, E and Z). Each glyph line is aligned (mrzVote's
 * alignment) with the OCR line it resembles most, and every column where both have a letter
 * gives the engine's letter for that position.
 */

/**
 * An OCR line aligns with a glyph line when it costs at most this per glyph character: half a
 * mismatch, so a reading of the same line with half its characters wrong still aligns, while
 * another line of the zone does not (16 to 45 on the real specimens' zones, against limits of 15
 * for 30 characters and 22 for 44).
 */
const MAX_ALIGN_COST = 0.5;

/**
 * Per glyph line, per position: the letter of the OCR line aligned there, or null. Only letters
 * against letters: fillers and digits have the layout and the check digits to decide them.
 */
export function ocrLettersAt(glyphLines: readonly string[], ocrText: string): (string | null)[][] {
  const ocr = ocrText
    .toUpperCase()
    .split('\n')
    .map((l) => l.replace(/[^A-Z0-9<]/g, ''))
    .filter((l) => l.length > 0);
  return glyphLines.map((g) => {
    const out: (string | null)[] = new Array<string | null>(g.length).fill(null);
    let best: ReturnType<typeof alignLines> | null = null;
    for (const o of ocr) {
      const a = alignLines(g, o);
      if (!best || a.cost < best.cost) best = a;
    }
    if (!best || best.cost > MAX_ALIGN_COST * g.length) return out;
    let pos = 0;
    for (const [mine, theirs] of best.columns) {
      if (mine === null) continue;
      if (theirs !== null && isLetter(mine) && isLetter(theirs)) out[pos] = theirs;
      pos++;
    }
    return out;
  });
}
