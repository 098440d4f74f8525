import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseMrz } from 'mrz';
import sharp from 'sharp';
import { MrzReader } from '../../electron/service/analysis/mrz/MrzReader';
import { decodeGray, findBands, joinLinePieces, type LineBlob } from '../../electron/service/analysis/mrz/mrzImage';
import { interpret, plausible } from '../../electron/service/analysis/mrz/mrzInterpret';
import { extractFields } from '../../electron/service/analysis/mrz/mrzFields';
import { mulberry32 } from '../../electron/service/cli/eval/stats';
import { degradeDocument, DEGRADATION_KINDS, DEGRADATION_LEVELS } from '../../electron/service/cli/eval/syntheticMrz/degradeDocument';
import { scoreReading } from '../../electron/service/cli/eval/syntheticMrz/evalSyntheticMrz';
import { OCR_B_MISSING, ocrBFontPath } from '../../electron/service/cli/eval/syntheticMrz/ocrBFont';
import { icaoCheckDigit, randomMrz, SYNTHETIC_FORMATS } from '../../electron/service/cli/eval/syntheticMrz/randomMrz';
import { renderDocument } from '../../electron/service/cli/eval/syntheticMrz/renderDocument';
import { syntheticMrzDocument, syntheticMrzSpec } from '../../electron/service/cli/eval/syntheticMrz/syntheticMrzDocument';
import { syntheticMrzReport } from '../../electron/service/cli/eval/syntheticMrz/syntheticMrzReport';

const haveFont = ocrBFontPath() !== null;
if (!haveFont) console.warn(`[syntheticMrz.test] ${OCR_B_MISSING}: skipping the rendering and reading tests`);

describe('random MRZ data', () => {
  it('computes the ICAO 9303 check digits of its worked example', () => {
    expect(icaoCheckDigit('L898902C3')).toBe('6');
    expect(icaoCheckDigit('740812')).toBe('2');
    expect(icaoCheckDigit('120415')).toBe('9');
    expect(icaoCheckDigit('ZE184226B<<<<<')).toBe('1');
  });

  it('always makes zones the mrz package parses as valid, with the truth it reads, over many seeds', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const rnd = mulberry32(seed);
      for (const format of SYNTHETIC_FORMATS) {
        const m = randomMrz(rnd, format);
        const p = parseMrz(m.lines);
        expect(p.format).toBe(format);
        expect(p.valid, m.lines.join('/')).toBe(true);
        expect(m.truth.issuingState).toBe(p.fields.issuingState);
        expect(m.truth.nationality).toBe(p.fields.nationality);
        expect(m.truth.birthDate).toBe(p.fields.birthDate);
        expect(m.truth.expiryDate).toBe(p.fields.expirationDate);
        expect(m.truth.documentNumber).toBe(p.fields.documentNumber);
        expect(m.truth.surname).toBe(p.fields.lastName);
        expect(m.truth.givenNames).toBe(p.fields.firstName);
        expect(m.truth.givenNames).not.toBe('');
        expect(['M', 'F', '']).toContain(m.truth.sex);
      }
    }
  });

  it('is reproducible from its seed and differs between seeds', () => {
    const a = randomMrz(mulberry32(42), 'TD3').lines;
    expect(randomMrz(mulberry32(42), 'TD3').lines).toEqual(a);
    expect(randomMrz(mulberry32(43), 'TD3').lines).not.toEqual(a);
  });

  it('deals formats, levels and kinds evenly over every 84 documents', () => {
    const specs = Array.from({ length: 84 }, (_, i) => syntheticMrzSpec(i));
    for (const f of SYNTHETIC_FORMATS) for (const l of DEGRADATION_LEVELS) expect(specs.filter((s) => s.format === f && s.level === l)).toHaveLength(7);
    for (const k of DEGRADATION_KINDS) for (const l of DEGRADATION_LEVELS.slice(1)) expect(specs.filter((s) => s.kind === k && s.level === l)).toHaveLength(3);
    expect(specs.filter((s) => s.level === 'none').every((s) => s.kind === null)).toBe(true);
  });

  it('reports rates with intervals by level and kind', () => {
    const items = [
      { format: 'TD1' as const, level: 'none' as const, kind: null, detected: true, fieldsCorrect: 9, ms: 10 },
      { format: 'TD2' as const, level: 'severe' as const, kind: 'blur' as const, detected: false, fieldsCorrect: 0, ms: 30 },
      { format: 'TD3' as const, level: 'severe' as const, kind: 'blur' as const, detected: true, fieldsCorrect: 8, ms: 20 },
    ];
    const r = syntheticMrzReport(5, items);
    expect(r.field_accuracy).toMatchObject({ k: 17, n: 27 });
    expect(r.detection).toMatchObject({ k: 2, n: 3 });
    expect(r.documents_exact).toMatchObject({ k: 1, n: 3 });
    expect(r.by_level.severe.field_accuracy).toMatchObject({ k: 8, n: 18 });
    expect(r.by_kind.blur.severe!.documents_exact).toMatchObject({ k: 0, n: 2 });
    expect(r.by_level.none.field_accuracy.ci95[0]).toBeGreaterThan(0.6);
    expect(r.ms_p50).toBe(20);
  });
});

// Reader defects the synthetic set showed (undegraded TD1 cards missed, names cut short);
// fixed in analysis/mrz/, the real specimens' figures unchanged (264/279 fields, 30 of 31).
describe('MRZ reader fixes found with the synthetic set', () => {
  const blob = (cx: number, cy: number, length: number, thickness = 10): LineBlob => ({ cx, cy, angle: 0, length, thickness, n: Math.round(length * thickness * 0.6) });

  it('joins the pieces of one line end to end, and nothing else', () => {
    // A line broken at its chevrons: 0..300 and 310..450 on y = 100.
    const joined = joinLinePieces([blob(150, 100, 300), blob(380, 101, 140)]);
    expect(joined).toHaveLength(1);
    expect(joined[0]!.length).toBeCloseTo(450, 0);
    expect(joined[0]!.cx).toBeCloseTo(225, 0);
    // The next line down, a piece far along the line, and a piece lying over the first stay apart.
    expect(joinLinePieces([blob(150, 100, 300), blob(150, 116, 300)])).toHaveLength(2);
    expect(joinLinePieces([blob(150, 100, 300), blob(400, 100, 60)])).toHaveLength(2);
    expect(joinLinePieces([blob(150, 100, 300), blob(160, 100, 200)])).toHaveLength(2);
  });

  it('keeps a last letter K, L or C before the fillers, and still clears lookalikes among them', () => {
    const td1 = (names: string) => interpret(['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', names].join('\n'));
    expect(extractFields(td1('ERIKSSON<<RAFAEL<<<<<<<<<<<<<<')!).givenNames).toBe('RAFAEL');
    expect(extractFields(td1('ERIKSSON<<ERIC<PAUL<<<<<<<<<<<')!).givenNames).toBe('ERIC PAUL');
    expect(extractFields(td1('ERIKSSON<<ANNA<<<<<<<<<<<<<<<K')!).givenNames).toBe('ANNA');
  });
});

describe.skipIf(!haveFont)('synthetic MRZ documents (needs fonts-ocr-b)', () => {
  it('renders a document of the format\'s proportions with the MRZ inside the frame', () => {
    for (const format of SYNTHETIC_FORMATS) {
      const rnd = mulberry32(9);
      const m = randomMrz(rnd, format);
      const doc = renderDocument(m, rnd);
      expect(doc.rgba.length).toBe(doc.width * doc.height * 4);
      // 200-320 dpi and a 4-14% desk margin around the ICAO size.
      const wMm = { TD1: 85.6, TD2: 105, TD3: 125 }[format];
      expect(doc.width).toBeGreaterThanOrEqual(Math.floor(wMm * 8 * 1.08));
      expect(doc.width).toBeLessThanOrEqual(Math.ceil(wMm * 12.5 * 1.28));
      expect(doc.pitchPx * m.lines[0]!.length).toBeLessThan(doc.width * 0.9);
      // Not a blank canvas: the printing leaves dark pixels.
      let dark = 0;
      for (let i = 0; i < doc.rgba.length; i += 4) if (doc.rgba[i]! < 60 && doc.rgba[i + 1]! < 60 && doc.rgba[i + 2]! < 60) dark++;
      expect(dark).toBeGreaterThan(1000);
    }
  });

  it('degrades into a decodable image; low resolution shrinks it, JPEG is JPEG', async () => {
    const rnd = mulberry32(3);
    const doc = renderDocument(randomMrz(rnd, 'TD3'), rnd);
    const low = await degradeDocument(doc, 'severe', 'lowres', rnd);
    expect(low.ext).toBe('png');
    expect(low.width).toBeLessThan(doc.width * 0.5);
    expect((await sharp(low.bytes).metadata()).width).toBe(low.width);
    const jpeg = await degradeDocument(doc, 'moderate', 'jpeg', rnd);
    expect(jpeg.ext).toBe('jpg');
    expect((await sharp(jpeg.bytes).metadata()).format).toBe('jpeg');
    const none = await degradeDocument(doc, 'none', null, rnd);
    expect([none.width, none.height]).toEqual([doc.width, doc.height]);
  });

  it('keeps blur and resolution in character pitches when the perspective step has shrunk the document', async () => {
    for (let seed = 1; seed <= 4; seed++) {
      const rnd = mulberry32(seed);
      const doc = renderDocument(randomMrz(rnd, 'TD1'), rnd);
      const turned = await degradeDocument(doc, 'moderate', 'perspective', rnd);
      expect(turned.pitchPx).toBeLessThan(doc.pitchPx);
      // Moderate low resolution is a 9 px pitch (+-10%), with the perspective step before it or not.
      for (const kind of ['lowres', 'combined'] as const) {
        const low = await degradeDocument(doc, 'moderate', kind, rnd);
        expect(low.pitchPx).toBeGreaterThanOrEqual(9 * 0.9 - 1e-9);
        expect(low.pitchPx).toBeLessThanOrEqual(9 * 1.1 + 1e-9);
      }
    }
  });

  it('regenerates the same document from (seed, index)', async () => {
    const a = await syntheticMrzDocument(11, 5);
    const b = await syntheticMrzDocument(11, 5);
    expect(b.lines).toEqual(a.lines);
    expect(b.bytes.equals(a.bytes)).toBe(true);
  });

  it('finds the three lines of a TD1 card as one band when its middle line breaks at the chevrons', async () => {
    // Seed 2, document 72: an undegraded TD1 card the reader missed before joinLinePieces.
    const doc = await syntheticMrzDocument(2, 72);
    expect(doc.format).toBe('TD1');
    const src = await decodeGray(doc.bytes);
    const [best] = await findBands(src, 3);
    // Three lines of 4.2 mm with characters ~2.5 mm high: well over two line heights thick.
    expect(best!.thickness).toBeGreaterThan(2.5 * (best!.length / 30) * 1.2);
  });

  describe('read back by the product\'s MRZ reader', () => {
    let reader: MrzReader;
    beforeAll(async () => {
      reader = await MrzReader.create();
    });
    afterAll(async () => {
      await reader?.terminate();
    });

    it('reads 6 undegraded documents (2 per format) field for field', async () => {
      // Indices 0-2 and 12-14 of a set are the undegraded TD1, TD2, TD3 documents.
      for (const index of [0, 1, 2, 12, 13, 14]) {
        const doc = await syntheticMrzDocument(1, index);
        expect(doc.level).toBe('none');
        const r = await reader.read(doc.bytes);
        const s = scoreReading(doc, r, 0);
        expect(s.wrong, `${doc.format} ${doc.lines.join('/')} read as ${r?.lines.join('/')}`).toEqual([]);
        expect(r?.format).toBe(doc.format);
        expect(r?.valid).toBe(true);
      }
    }, 120_000);

    it('falls back on the LSTM alone when the legacy engine reads no MRZ in small, blurred, noisy characters', async () => {
      // Seed 2, document 414: a TD1 card with all six moderate degradations (characters about
      // 9 px apart). The legacy engine reads no MRZ in it; the LSTM's reading is one.
      const doc = await syntheticMrzDocument(2, 414);
      expect([doc.format, doc.level, doc.kind]).toEqual(['TD1', 'moderate', 'combined']);
      const logs: string[] = [];
      const watched = await MrzReader.create({ debug: (m) => logs.push(m) });
      try {
        const r = await watched.read(doc.bytes);
        const alone = logs.filter((l) => l.startsWith('lstm alone\n')).map((l) => interpret(l.slice('lstm alone\n'.length)));
        expect(alone.length).toBeGreaterThan(0);
        expect(alone.some((c) => c !== null && c.format === 'TD1' && plausible(c))).toBe(true);
        const s = scoreReading(doc, r, 0);
        expect(s.detected).toBe(true);
        expect(s.fieldsCorrect).toBeGreaterThanOrEqual(8);
      } finally {
        await watched.terminate();
      }
    }, 60_000);
  });
});
