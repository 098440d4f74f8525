/**
 * How the OCR-B glyph templates (ocrBGlyphs.json, written by scripts/make-mrz-glyphs.ts) cut a
 * character cell, shared by the script that renders them and the reader that matches them: the
 * cell is one character pitch wide and spans the cap height with GLYPH_MARGIN of it above and
 * below, sampled on a GLYPH_WIDTH x GLYPH_HEIGHT grid.
 */
/** The MRZ alphabet: what the OCR engines may read and the glyphs a cell is matched against. */
export const GLYPH_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';
export const GLYPH_WIDTH = 16;
export const GLYPH_HEIGHT = 22;
export const GLYPH_MARGIN = 0.15;

export interface GlyphSet {
  source: string;
  width: number;
  height: number;
  /** Mean first and last inked column of a glyph, in pitches from its cell's left edge. */
  inkLeft: number;
  inkRight: number;
  /** Character pitch over cap height. */
  pitchPerCap: number;
  /** Grey levels (0 ink, 255 paper), row by row, base64. */
  glyphs: Record<string, string>;
}
