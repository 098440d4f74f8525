// Writes electron/service/analysis/mrz/ocrBGlyphs.json: the 37 MRZ characters (A-Z, 0-9, '<')
// of the ICAO OCR-B font as small grey templates for mrzGlyphReader.ts. The font is Debian's
// fonts-ocr-b (Matthew Skala's OCR-B, public domain; `apt-get install fonts-ocr-b`), read from
// the system only here: the product ships the templates, not the font, and reads nothing at run
// time. Deterministic, so `npm run make:mrz-glyphs` reproduces the committed file byte for byte
// with the locked @napi-rs/canvas; test/analysis/mrzGlyphs.test.ts checks it where the font is
// installed, to within a few grey levels so that another rasteriser's anti-aliasing passes.
import { createCanvas } from '@napi-rs/canvas';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OCR_B_FAMILY, registerOcrB } from '../electron/service/cli/eval/syntheticMrz/ocrBFont';
import { EM_PER_PITCH } from '../electron/service/cli/eval/syntheticMrz/renderDocument';
import { GLYPH_CHARS, GLYPH_HEIGHT, GLYPH_MARGIN, GLYPH_WIDTH, type GlyphSet } from '../electron/service/analysis/mrz/mrzGlyphGeometry';

/** Render scale: one character pitch in pixels before the area average down to GLYPH_WIDTH. */
const PITCH = GLYPH_WIDTH * 8;
const EM = PITCH * EM_PER_PITCH;

export function makeGlyphs(): GlyphSet {
  registerOcrB();
  const w = PITCH;
  const h = Math.ceil(EM * 2);
  const baseline = Math.round(EM * 1.4);
  const render = (ch: string): Uint8ClampedArray => {
    const canvas = createCanvas(w, h);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, w, h);
    ctx.fillStyle = '#000';
    ctx.font = `${EM}px "${OCR_B_FAMILY}"`;
    ctx.textBaseline = 'alphabetic';
    ctx.fillText(ch, 0, baseline);
    return ctx.getImageData(0, 0, w, h).data;
  };
  // Cap height from the ink of 'H'; the reader derives it from the pitch with pitchPerCap.
  const hInk = render('H');
  let capTop = baseline;
  for (let y = 0; y < baseline; y++) {
    let inked = false;
    for (let x = 0; x < w && !inked; x++) inked = hInk[(y * w + x) * 4]! < 128;
    if (inked) {
      capTop = y;
      break;
    }
  }
  const cap = baseline - capTop;
  const top = capTop - GLYPH_MARGIN * cap;
  const spanY = cap * (1 + 2 * GLYPH_MARGIN);
  const glyphs: Record<string, string> = {};
  let inkLeft = 0;
  let inkRight = 0;
  for (const ch of GLYPH_CHARS) {
    const px = render(ch);
    // Area average of the rendered cell into GLYPH_WIDTH x GLYPH_HEIGHT.
    const out = new Uint8Array(GLYPH_WIDTH * GLYPH_HEIGHT);
    for (let gy = 0; gy < GLYPH_HEIGHT; gy++) {
      const y0 = top + (gy * spanY) / GLYPH_HEIGHT;
      const y1 = top + ((gy + 1) * spanY) / GLYPH_HEIGHT;
      for (let gx = 0; gx < GLYPH_WIDTH; gx++) {
        const x0 = (gx * w) / GLYPH_WIDTH;
        const x1 = ((gx + 1) * w) / GLYPH_WIDTH;
        let sum = 0;
        let n = 0;
        for (let y = Math.floor(y0); y < Math.ceil(y1); y++) {
          for (let x = Math.floor(x0); x < Math.ceil(x1); x++) {
            sum += y >= 0 && y < h ? px[(y * w + x) * 4]! : 255;
            n++;
          }
        }
        out[gy * GLYPH_WIDTH + gx] = Math.round(sum / n);
      }
    }
    glyphs[ch] = Buffer.from(out).toString('base64');
    let first = w;
    let last = 0;
    for (let x = 0; x < w; x++) {
      for (let y = 0; y < h; y++) {
        if (px[(y * w + x) * 4]! < 128) {
          first = Math.min(first, x);
          last = Math.max(last, x + 1);
        }
      }
    }
    inkLeft += first / w / GLYPH_CHARS.length;
    inkRight += last / w / GLYPH_CHARS.length;
  }
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    source: 'OCR-B by Matthew Skala (public domain), Debian fonts-ocr-b OCRB.otf; scripts/make-mrz-glyphs.ts',
    width: GLYPH_WIDTH,
    height: GLYPH_HEIGHT,
    inkLeft: round(inkLeft),
    inkRight: round(inkRight),
    pitchPerCap: round(PITCH / cap),
    glyphs,
  };
}

export const GLYPHS_FILE = join(import.meta.dirname, '..', 'electron', 'service', 'analysis', 'mrz', 'ocrBGlyphs.json');

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  writeFileSync(GLYPHS_FILE, `${JSON.stringify(makeGlyphs(), null, 1)}\n`);
  process.stdout.write(`mrz glyphs -> ${GLYPHS_FILE}\n`);
}
