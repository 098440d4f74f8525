import type { Candidate } from './mrzText';

/** One reading of a crop, by the OCR engines or by the glyph templates (mrzGlyphReader). */
export interface Attempt {
  candidate: Candidate;
  confidence: number;
  source: 'ocr' | 'glyphs';
}

const failedChecks = (a: Attempt): number => a.candidate.checks.filter((c) => !c.valid).length;
const passedChecks = (a: Attempt): number => a.candidate.checks.length - failedChecks(a);

/**
 * Whether `b` is better checked than `a`: fewer check digits fail, or as few fail and more pass.
 * The second part matters when the two readings fit different layouts: a visa layout has three
 * check digits and a passport's five, so on failures alone the layout with fewer checks would tie
 * with, and keep, a reading that more check digits confirm.
 */
const betterChecked = (b: Attempt, a: Attempt): boolean => failedChecks(b) < failedChecks(a) || (failedChecks(b) === failedChecks(a) && passedChecks(b) > passedChecks(a));

/**
 * The reading a document's MRZ is reported from: each source's best-scoring attempt, then the
 * engines' unless the glyphs' is better checked (betterChecked). The glyph reading stands alone when the
 * engines read no MRZ. Its lines always fit the layout's classes, so on score alone it would win
 * every tie, and on sharp print the engines read letters better (names have no check digit to
 * show it).
 */
export function chooseReading(attempts: readonly Attempt[]): Attempt | null {
  const best = (source: Attempt['source']): Attempt | undefined => attempts.filter((a) => a.source === source).sort((a, b) => b.candidate.score - a.candidate.score)[0];
  const ocr = best('ocr');
  const glyphs = best('glyphs');
  return (ocr && (!glyphs || !betterChecked(glyphs, ocr)) ? ocr : glyphs) ?? null;
}
