import { existsSync } from 'node:fs';
import { GlobalFonts } from '@napi-rs/canvas';

/**
 * The ICAO OCR-B font the synthetic MRZs are printed in: Debian's `fonts-ocr-b` package, read
 * from the system (this is eval and test tooling; the product never needs it). Nothing is
 * downloaded: when the font is missing the generator stops and says how to install it.
 */

/** Where Debian's fonts-ocr-b puts it (`dpkg -L fonts-ocr-b`). */
export const OCR_B_PATHS = ['/usr/share/fonts/opentype/ocr-b/OCRB.otf'];
export const OCR_B_FAMILY = 'Synthetic MRZ OCR-B';
export const OCR_B_MISSING = `the OCR-B font is not installed (looked in ${OCR_B_PATHS.join(', ')}): run \`apt-get install fonts-ocr-b\``;

/** The font file, or null when it is not installed. */
export function ocrBFontPath(): string | null {
  return OCR_B_PATHS.find((p) => existsSync(p)) ?? null;
}

let registered = false;

/** Registers OCR-B with the canvas under OCR_B_FAMILY; throws OCR_B_MISSING when absent. */
export function registerOcrB(): void {
  if (registered) return;
  const path = ocrBFontPath();
  if (!path) throw new Error(`synthetic MRZ: ${OCR_B_MISSING}`);
  if (!GlobalFonts.registerFromPath(path, OCR_B_FAMILY)) throw new Error(`synthetic MRZ: the canvas could not load the OCR-B font at ${path}`);
  registered = true;
}
