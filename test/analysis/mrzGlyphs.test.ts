import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { MrzReader } from '../../electron/service/analysis/mrz/MrzReader';
import { decodeGlyphs } from '../../electron/service/analysis/mrz/mrzGlyphDecode';
import { GLYPH_CHARS, type GlyphSet } from '../../electron/service/analysis/mrz/mrzGlyphGeometry';
import { readGlyphs } from '../../electron/service/analysis/mrz/mrzGlyphReader';
import { bandCrop } from '../../electron/service/analysis/mrz/mrzBandCrop';
import { decodeGray, findBands } from '../../electron/service/analysis/mrz/mrzImage';
import { checkDigit } from '../../electron/service/analysis/mrz/mrzText';
import { mulberry32 } from '../../electron/service/cli/eval/stats';
import { scoreReading } from '../../electron/service/cli/eval/syntheticMrz/evalSyntheticMrz';
import { OCR_B_MISSING, ocrBFontPath } from '../../electron/service/cli/eval/syntheticMrz/ocrBFont';
import { syntheticMrzDocument } from '../../electron/service/cli/eval/syntheticMrz/syntheticMrzDocument';
import { GLYPHS_FILE, makeGlyphs } from '../../scripts/make-mrz-glyphs';

const haveFont = ocrBFontPath() !== null;
if (!haveFont) console.warn(`[mrzGlyphs.test] ${OCR_B_MISSING}: skipping the template and synthetic-document tests`);

/** Grey levels a regenerated template pixel may differ by from the committed one (anti-aliasing). */
const GREY_TOLERANCE = 12;

/** ICAO 9303's TD2 example, with valid check digits. */
const TD2 = ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6'];

/**
 * Glyph correlations for lines of text: each position matches its own character at 0.9 and every
 * other at 0.3, except where `near` gives a character that matched almost as well.
 */
function cellsFor(lines: string[], near: Record<string, number> = {}): Float32Array[][] {
  return lines.map((line, i) =>
    [...line].map((ch, p) => {
      const cell = new Float32Array(GLYPH_CHARS.length).fill(0.3);
      cell[GLYPH_CHARS.indexOf(ch)] = 0.9;
      for (const [at, score] of Object.entries(near)) {
        const [li, pos, alt] = at.split(':');
        if (Number(li) === i && Number(pos) === p) cell[GLYPH_CHARS.indexOf(alt!)] = score;
      }
      return cell;
    }),
  );
}

const replaceAt = (s: string, p: number, ch: string): string => s.slice(0, p) + ch + s.slice(p + 1);

describe('decodeGlyphs', () => {
  it('reads a well-matched zone as it is, as the layout its first letter favours', () => {
    expect(decodeGlyphs(cellsFor(TD2), null).map((d) => d.text)).toEqual([TD2.join('\n')]);
    // The same lines with a V: a visa (MRV-B), not a card.
    const visa = [replaceAt(TD2[0]!, 0, 'V'), TD2[1]!];
    const [text] = decodeGlyphs(cellsFor(visa), null).map((d) => d.text);
    expect(text!.startsWith('V<UTO')).toBe(true);
  });

  it('takes the best digit where the layout has digits and the best letter where it has letters', () => {
    // Birth date 740812 with its 4 matched best as A; nationality UTO with its O matched best as 0.
    const misread = [TD2[0]!, replaceAt(replaceAt(TD2[1]!, 14, 'A'), 12, '0')];
    const cells = cellsFor(misread, { '1:14:4': 0.7, '1:12:O': 0.7 });
    const [text] = decodeGlyphs(cells, null).map((d) => d.text);
    expect(text!.split('\n')[1]).toBe(TD2[1]);
  });

  it('repairs a failing check digit with a character that matched nearly as well, and only with one', () => {
    // Document number D23145890 with its 4 read as 9, a 4 close behind: repaired.
    const misread = [TD2[0]!, replaceAt(TD2[1]!, 4, '9')];
    expect(String(checkDigit(misread[1]!.slice(0, 9)))).not.toBe(misread[1]![9]);
    const [repaired] = decodeGlyphs(cellsFor(misread, { '1:4:4': 0.85 }), null);
    expect(repaired!.text.split('\n')[1]).toBe(TD2[1]);
    // The repair is reported, and so is what held as matched: birth, expiry (not the number, not the composite).
    expect(repaired!.changed).toEqual([[1, 4]]);
    expect(repaired!.heldAsMatched).toBe(2);
    // The 4 far behind (a clearly printed 9): the check digit stays failed, as printed.
    const far = decodeGlyphs(cellsFor(misread, { '1:4:4': 0.6 }), null)[0]!.text;
    expect(far.split('\n')[1]).toBe(misread[1]);
  });

  it('repairs the composite check digit only in what no field check digit has settled', () => {
    // Optional data (positions 28-34) ending in 1, read as T with the 1 close behind: only the
    // composite check digit (position 35) covers it, and it fails until the T is repaired.
    const optional = replaceAt(TD2[1]!, 34, '1');
    const withOne = replaceAt(optional, 35, String(checkDigit(optional.slice(0, 10) + optional.slice(13, 20) + optional.slice(21, 35))));
    const misread = [TD2[0]!, replaceAt(withOne, 34, 'T')];
    const [text] = decodeGlyphs(cellsFor(misread, { '1:34:1': 0.85 }), null).map((d) => d.text);
    expect(text!.split('\n')[1]).toBe(withOne);
    // A 2 as close in the birth date, which would make the composite hold but whose own check
    // digit holds as read, is not changed for the composite.
    const [dates] = decodeGlyphs(cellsFor(misread, { '1:34:1': 0.6, '1:15:2': 0.88 }), null).map((d) => d.text);
    expect(dates!.split('\n')[1]).toBe(misread[1]);
  });

  it('repairs a state code on no ICAO list with characters that matched nearly as well, and leaves a clear one', () => {
    // Nationality AUT (outside the composite check) read as AWT, U close behind: repaired.
    const austrian = [TD2[0]!, `${TD2[1]!.slice(0, 10)}AUT${TD2[1]!.slice(13)}`];
    const misread = [austrian[0]!, replaceAt(austrian[1]!, 11, 'W')];
    const [close] = decodeGlyphs(cellsFor(misread, { '1:11:U': 0.85 }), null);
    expect(close!.text.split('\n')[1]).toBe(austrian[1]);
    expect(close!.changed).toEqual([[1, 11]]);
    const [far] = decodeGlyphs(cellsFor(misread, { '1:11:U': 0.5 }), null);
    expect(far!.text.split('\n')[1]).toBe(misread[1]);
    // The specimen state UTO is on no list, but clearly matched: it stays.
    expect(decodeGlyphs(cellsFor(TD2), null)[0]!.text).toBe(TD2.join('\n'));
  });

  it('leaves a state code on no list when two listed codes are as close, or when the engines read it', () => {
    // AUX with T and S both close behind its X: Austria or Australia, no check digit to say which.
    const aux = [TD2[0]!, `${TD2[1]!.slice(0, 10)}AUX${TD2[1]!.slice(13)}`];
    const [two] = decodeGlyphs(cellsFor(aux, { '1:12:T': 0.85, '1:12:S': 0.85 }), null);
    expect(two!.text.split('\n')[1]).toBe(aux[1]);
    const [one] = decodeGlyphs(cellsFor(aux, { '1:12:T': 0.85 }), null);
    expect(one!.text.split('\n')[1]!.slice(10, 13)).toBe('AUT');
    // The engines read AUX too (a zone of the same shape): what they read stands.
    const [read] = decodeGlyphs(cellsFor(aux, { '1:12:T': 0.85 }), aux);
    expect(read!.text.split('\n')[1]).toBe(aux[1]);
  });

  it('keeps the engines\' character where the glyphs matched it nearly as well, and not otherwise', () => {
    // The glyphs read the state UTO as UTC, with O a close second; the engines read UTO.
    const glyphRead = [replaceAt(TD2[0]!, 4, 'C'), TD2[1]!];
    expect(decodeGlyphs(cellsFor(glyphRead, { '0:4:O': 0.88 }), TD2)[0]!.text.split('\n')[0]).toBe(TD2[0]);
    expect(decodeGlyphs(cellsFor(glyphRead, { '0:4:O': 0.5 }), TD2)[0]!.text.split('\n')[0]).toBe(glyphRead[0]);
    // Engines' lines of another shape are not used.
    expect(decodeGlyphs(cellsFor(glyphRead, { '0:4:O': 0.88 }), [TD2[0]!.slice(0, 30)])[0]!.text.split('\n')[0]).toBe(glyphRead[0]);
  });
});

describe('decodeGlyphs with the engines\' raw text', () => {
  // The glyphs read ERIKSSON's R as B, with R close behind; the LSTM's text of the crop has lost
  // fillers (another shape, so not a zone of its own) but reads the name.
  const glyphRead = [replaceAt(TD2[0]!, 6, 'B'), TD2[1]!];
  const lstm = 'I<UTOERIKSSONCANNACMARIACCCC\nD231458907UTO7408122F1204159<<6';

  it('takes the LSTM\'s letter where the glyphs matched it within a few hundredths of their best', () => {
    const close = decodeGlyphs(cellsFor(glyphRead, { '0:6:R': 0.87 }), null, { legacy: '', lstm });
    expect(close[0]!.text.split('\n')[0]).toBe(TD2[0]);
    // The change counts as one (MrzReader reports it as a correction).
    expect(close[0]!.changed).toEqual([[0, 6]]);
    const far = decodeGlyphs(cellsFor(glyphRead, { '0:6:R': 0.8 }), null, { legacy: '', lstm });
    expect(far[0]!.text.split('\n')[0]).toBe(glyphRead[0]);
  });

  it('takes it further from the best when the legacy engine reads the same letter', () => {
    const legacy = 'I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6'.replace('ANNA', 'AMNA');
    const both = decodeGlyphs(cellsFor(glyphRead, { '0:6:R': 0.82 }), null, { legacy, lstm });
    expect(both[0]!.text.split('\n')[0]).toBe(TD2[0]);
    const tooFar = decodeGlyphs(cellsFor(glyphRead, { '0:6:R': 0.5 }), null, { legacy, lstm });
    expect(tooFar[0]!.text.split('\n')[0]).toBe(glyphRead[0]);
  });

  it('never takes the engines\' letters for fillers or digits', () => {
    // The LSTM reads the fillers after MARIA as C, matched by the glyphs almost as well: the filler stands.
    const cells = cellsFor(TD2, { '0:25:C': 0.89 });
    const [d] = decodeGlyphs(cells, null, { legacy: '', lstm: 'I<UTOERIKSSON<<ANNA<MARIACCCCCCCCCCC\nD231458907UTO7408122F1204159<<<<<<<6' });
    expect(d!.text).toBe(TD2.join('\n'));
    // A visa's optional data (MRV-B, no check digit over it) takes letters and digits alike: a 1
    // the glyphs read there stays a 1 though the LSTM reads I and the glyphs matched I almost as well.
    const visa = [replaceAt(TD2[0]!, 0, 'V'), replaceAt(`${TD2[1]!.slice(0, 35)}<`, 30, '1')];
    const [v] = decodeGlyphs(cellsFor(visa, { '1:30:I': 0.89 }), null, { legacy: '', lstm: `${visa[0]}\n${replaceAt(visa[1]!, 30, 'I').replace(/<+$/, '')}` });
    expect(v!.text.split('\n')[1]).toBe(visa[1]);
  });
});

describe('readGlyphs', () => {
  it('offers no reading of noise', () => {
    const rnd = mulberry32(5);
    const w = 1300;
    const h = 160;
    const data = new Uint8Array(w * h).map(() => Math.round(128 + 127 * (rnd() * 2 - 1)));
    expect(readGlyphs({ data, width: w, height: h })).toEqual([]);
  });
});

describe.skipIf(!haveFont)('OCR-B glyph templates and synthetic documents (needs fonts-ocr-b)', () => {
  it('are reproduced by scripts/make-mrz-glyphs.ts, to within the rasteriser\'s anti-aliasing', () => {
    // Not byte for byte: another @napi-rs/canvas (or FreeType) may shade edge pixels a few levels
    // apart. A changed font, geometry or script moves whole strokes, by far more than the tolerance.
    const committed = JSON.parse(readFileSync(GLYPHS_FILE, 'utf8')) as GlyphSet;
    const made = makeGlyphs();
    expect({ ...made, glyphs: null, inkLeft: 0, inkRight: 0, pitchPerCap: 0 }).toEqual({ ...committed, glyphs: null, inkLeft: 0, inkRight: 0, pitchPerCap: 0 });
    for (const k of ['inkLeft', 'inkRight', 'pitchPerCap'] as const) expect(Math.abs(made[k] - committed[k]), k).toBeLessThanOrEqual(0.005);
    expect(Object.keys(made.glyphs)).toEqual(Object.keys(committed.glyphs));
    for (const ch of GLYPH_CHARS) {
      const a = Buffer.from(made.glyphs[ch]!, 'base64');
      const b = Buffer.from(committed.glyphs[ch]!, 'base64');
      expect(a.length, ch).toBe(b.length);
      const worst = a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
      expect(worst, `the template of ${ch}: largest grey-level difference`).toBeLessThanOrEqual(GREY_TOLERANCE);
    }
  });

  describe('read back', () => {
    let reader: MrzReader;
    beforeAll(async () => {
      reader = await MrzReader.create();
    });
    afterAll(async () => {
      await reader?.terminate();
    });

    it('lays the grid half a character over when the lines\' inked ends put it between the characters', async () => {
      // Seed 2, document 666: a TD1 card with all six moderate degradations, whose lines' ends put
      // the pitch grid half a pitch off; tried at that phase alone, every grid matched below the
      // 0.6 floor (MIN_CONFIDENCE) and the glyphs offered nothing.
      const doc = await syntheticMrzDocument(2, 666);
      expect([doc.format, doc.level, doc.kind]).toEqual(['TD1', 'moderate', 'combined']);
      const src = await decodeGray(doc.bytes);
      const [band] = await findBands(src, 3);
      const crop = bandCrop(src, band!, 'loose', 0);
      const [reading] = readGlyphs(crop);
      expect(reading!.lines.map((l) => l.length)).toEqual([30, 30, 30]);
      expect(reading!.confidence).toBeGreaterThan(0.65);
      const [text] = decodeGlyphs(reading!.lines, null).map((d) => d.text);
      expect(text!.split('\n')[1]).toBe(doc.lines[1]);
    }, 60_000);

    it('reads a small, blurred, noisy, compressed card zone by its glyphs', async () => {
      // Seed 2, document 79: a TD2 card with all six moderate degradations (characters about 9 px
      // apart). The OCR engines alone read 6 of its 9 fields and its document number wrong.
      const doc = await syntheticMrzDocument(2, 79);
      expect([doc.format, doc.level, doc.kind]).toEqual(['TD2', 'moderate', 'combined']);
      expect(doc.pitchPx).toBeLessThan(10);
      const src = await decodeGray(doc.bytes);
      const [band] = await findBands(src, 3);
      const crop = bandCrop(src, band!, 'loose', 0);
      const [reading] = readGlyphs(crop);
      expect(reading!.lines.map((l) => l.length)).toEqual([36, 36]);
      const [text] = decodeGlyphs(reading!.lines, null).map((d) => d.text);
      // The check-digit line, from the glyphs alone.
      expect(text!.split('\n')[1]).toBe(doc.lines[1]);
      const r = await reader.read(doc.bytes);
      const s = scoreReading(doc, r, 0);
      expect(s.wrong.filter((f) => ['documentNumber', 'birthDate', 'expiryDate', 'nationality', 'sex'].includes(f))).toEqual([]);
      expect(s.fieldsCorrect).toBeGreaterThanOrEqual(8);
    }, 60_000);
  });
});
