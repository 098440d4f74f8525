import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { reportFontDir } from '../../runtime/resourcePaths';

/**
 * The report fonts: Noto Sans Hans (Source Han Sans, OFL) from @embedpdf/fonts-sc, which covers
 * Latin and Simplified Chinese, so a Chinese name prints like any other. Read from the app's
 * resources/fonts (scripts/copy-fonts.mjs), else from the installed package (see resourcePaths).
 * Never fetched.
 */
export const FONT_FILES = { regular: 'NotoSansHans-Regular.otf', bold: 'NotoSansHans-Bold.otf' } as const;

export function fontPath(file: string): string {
  const found = join(reportFontDir(), file);
  if (!existsSync(found)) throw new Error(`report font ${file} is missing; run scripts/copy-fonts.mjs or install @embedpdf/fonts-sc`);
  return found;
}

/** A parsed font as pdfkit's font factory accepts it (anything with `layout`). */
export type ParsedFont = { layout: (...args: unknown[]) => unknown };

export interface ReportFonts {
  regular: ParsedFont;
  bold: ParsedFont;
}

let loaded: ReportFonts | null = null;

/**
 * Parses each 8 MB font once per process. pdfkit parses a font buffer again for every document;
 * handing it the parsed font instead keeps fontkit's glyph caches warm across reports, which
 * is most of the cost of a small report.
 */
export function reportFonts(): ReportFonts {
  if (loaded) return loaded;
  const probe = new PDFDocument({ autoFirstPage: false });
  const parse = (file: string): ParsedFont => {
    probe.registerFont(file, readFileSync(fontPath(file)));
    probe.font(file);
    // pdfkit keeps the fontkit font on its EmbeddedFont; the typings do not declare it.
    const font = (probe as unknown as { _font: { font: ParsedFont } })._font.font;
    if (typeof font?.layout !== 'function') throw new Error(`pdfkit did not parse ${file}`);
    return font;
  };
  loaded = { regular: parse(FONT_FILES.regular), bold: parse(FONT_FILES.bold) };
  return loaded;
}
