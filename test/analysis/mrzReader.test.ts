import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MrzReader } from '../../electron/service/analysis/mrz/MrzReader';
import { checkDigit } from '../../electron/service/analysis/mrz/mrzText';
import { interpret, plausible } from '../../electron/service/analysis/mrz/mrzInterpret';
import { extractFields } from '../../electron/service/analysis/mrz/mrzFields';
import { mrzResultSchema } from '../../shared/schemas/analysis';
import type { MrzResult } from '../../shared/schemas/analysis';

const FIXTURES = join(import.meta.dirname, '../../../shared/fixtures');
const DOCS = join(FIXTURES, 'documents');
const haveFixtures = existsSync(join(DOCS, 'ground_truth.json'));
if (!haveFixtures) console.warn(`[mrzReader.test] fixtures not found at ${FIXTURES}: skipping the fixture-based MRZ tests`);

/**
 * Regression floors on the current shared fixture set (33 documents, 31 with an MRZ).
 * Measured 2026-12-05: 273/279 fields (0.978), 31 of 31 MRZs found, 0 false detections on the
 * 2 documents without MRZ. The floor is issue 12's target, 0.97 (271/279 passes, 270 fails);
 * never lower it to make a failure pass.
 */
const FIELD_ACCURACY_FLOOR = 0.97;
/** MRZs the reader may miss among the documents that carry one (measured: none of 31). */
const MAX_MISSED_MRZ = 0;

interface GtDoc {
  file: string;
  has_mrz: boolean;
  [key: string]: unknown;
}

const KEYS: [string, keyof MrzResult['fields']][] = [
  ['document_code', 'documentCode'],
  ['issuing_state', 'issuingState'],
  ['surname', 'surname'],
  ['given_names', 'givenNames'],
  ['document_number', 'documentNumber'],
  ['nationality', 'nationality'],
  ['birth_date_yymmdd', 'birthDate'],
  ['sex', 'sex'],
  ['expiry_date_yymmdd', 'expiryDate'],
];
const norm = (s: unknown): string =>
  String(s ?? '')
    .toUpperCase()
    .replace(/</g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

function fieldsCorrect(r: MrzResult | null, d: GtDoc): number {
  if (!r) return 0;
  return KEYS.filter(([g, k]) => norm(r.fields[k]?.value) === norm(d[g])).length;
}

describe('MRZ text repair (no fixtures needed)', () => {
  it('computes ICAO 7-3-1 check digits', () => {
    expect(checkDigit('L898902C3')).toBe(6);
    expect(checkDigit('740812')).toBe(2);
    expect(checkDigit('120415')).toBe(9);
  });

  it('repairs typical OCR confusions by position type and check digits', () => {
    const text = ['P<UT0ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO74O8122F12O4159ZE184226B<<<<<1O'].join('\n');
    const c = interpret(text);
    expect(c).not.toBeNull();
    expect(c!.format).toBe('TD3');
    expect(c!.checks.every((x) => x.valid)).toBe(true);
    expect(c!.corrections).toBeGreaterThan(0);
    const f = extractFields(c!);
    expect(f).toMatchObject({ issuingState: 'UTO', surname: 'ERIKSSON', givenNames: 'ANNA MARIA', documentNumber: 'L898902C3', birthDate: '740812', expiryDate: '120415', sex: 'F' });
  });

  it('reads visas (MRV-A) that the mrz package does not parse', () => {
    const c = interpret(['V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L8988901C4XXX4009078F96121096ZE184226B<<<<<<'].join('\n'));
    expect(c?.format).toBe('MRVA');
    expect(c && plausible(c)).toBe(true);
    expect(extractFields(c!).documentNumber).toBe('L8988901C');
  });

  it('drops a character the OCR set apart at a line end (a card edge read as E or I), and keeps one that belongs to the zone', () => {
    // The legacy engine's reading of a generated TD1 card whose MRZ starts close to the card's edge.
    const edge = interpret(['E I<MNGI3650548<3<<<<<<<<<<<<<<<', 'E 8511098M2901204IND<<<<<<<<<<<4', 'TRAN<<PIOTR<<<<<<<<<<<<<<<<<<<'].join('\n'));
    expect(edge?.lines).toEqual(['I<MNGI3650548<3<<<<<<<<<<<<<<<', '8511098M2901204IND<<<<<<<<<<<4', 'TRAN<<PIOTR<<<<<<<<<<<<<<<<<<<']);
    expect(edge?.checks.every((x) => x.valid)).toBe(true);
    // An I is a valid document code, so the shifted reading is a candidate too: the check digits decide.
    const lookalike = interpret(['I IRAGOEPLT7IT478<<<<<<<<<<<<<<<', 'I 8911126M3201129MAR<<<<<<<<<<<0', 'DE<LA<CRUZ<GARCIA<<OLGA<HANNA<'].join('\n'));
    expect(extractFields(lookalike!)).toMatchObject({ documentCode: 'IR', issuingState: 'AGO', documentNumber: 'EPLT7IT47', birthDate: '891112', expiryDate: '320112' });
    expect(lookalike?.checks.every((x) => x.valid)).toBe(true);
    // A fragment that is the zone's own first character stays: "I <UTO..." is read as I<UTO.
    const own = interpret(['I <UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'].join('\n'));
    expect(own?.lines[0]).toBe('I<UTOD231458907<<<<<<<<<<<<<<<');
    expect(own?.checks.every((x) => x.valid)).toBe(true);
    // A names line carries no check digit, so both readings score alike: the one whose line has the
    // layout's 30 characters as read wins over the one that needs a filler dropped to fit.
    const names = interpret(['ACBLRMU60863159<<<<<<<<<<<<<<<', '6109271F2605111GTM<<<<<<<<<<<2', 'K WOJCIECHOWSKA<<ANNA<<<<<<<<<<<'].join('\n'));
    expect(extractFields(names!)).toMatchObject({ surname: 'WOJCIECHOWSKA', givenNames: 'ANNA' });
  });

  it('rejects text that is not an MRZ', () => {
    const c = interpret('5412 7512 3412 3456\nVALID THRU 12/23\nLee M. Cardholder');
    expect(c === null || !plausible(c)).toBe(true);
  });
});

describe.skipIf(!haveFixtures)('MrzReader on the real fixtures', () => {
  let reader: MrzReader;
  const results = new Map<string, MrzResult | null>();
  const times: number[] = [];
  let gt: GtDoc[] = [];

  beforeAll(async () => {
    reader = await MrzReader.create();
    gt = (JSON.parse(readFileSync(join(DOCS, 'ground_truth.json'), 'utf8')) as { documents: GtDoc[] }).documents;
    for (const d of gt) {
      const t = performance.now();
      results.set(d.file, await reader.read(readFileSync(join(DOCS, d.file))));
      times.push(performance.now() - t);
    }
  }, 300_000);

  afterAll(async () => {
    await reader?.terminate();
  });

  it('reaches the measured field accuracy with no false detection', () => {
    // Counts come from the ground truth, not from a pinned set size: the set grows.
    const withMrz = gt.filter((d) => d.has_mrz);
    const withoutMrz = gt.filter((d) => !d.has_mrz);
    expect(withMrz.length).toBeGreaterThan(0);
    expect(withoutMrz.length).toBeGreaterThan(0);
    expect(results.size).toBe(gt.length);
    const correct = withMrz.reduce((n, d) => n + fieldsCorrect(results.get(d.file) ?? null, d), 0);
    const accuracy = correct / (withMrz.length * 9);
    const detected = withMrz.filter((d) => results.get(d.file) != null).length;
    const falseDetections = withoutMrz.filter((d) => results.get(d.file) !== null).length;
    const missed = withMrz.filter((d) => results.get(d.file) == null).map((d) => d.file);
    const sorted = [...times].sort((a, b) => a - b);
    console.info(
      `[mrzReader.test] fields ${correct}/${withMrz.length * 9} (${accuracy.toFixed(3)}), found ${detected}/${withMrz.length}` +
        `${missed.length ? ` (missed ${missed.join(', ')})` : ''}, false detections ${falseDetections}/${withoutMrz.length}, p50 ${sorted[Math.floor(sorted.length / 2)]?.toFixed(0)} ms`,
    );
    expect(accuracy).toBeGreaterThanOrEqual(FIELD_ACCURACY_FLOOR);
    expect(withMrz.length - detected, `missed: ${missed.join(', ')}`).toBeLessThanOrEqual(MAX_MISSED_MRZ);
    expect(falseDetections).toBe(0);
  });

  it('returns results that validate against the schema', () => {
    for (const r of results.values()) if (r) expect(() => mrzResultSchema.parse(r)).not.toThrow();
  });

  it.each(['images/pt_passport-td3.jpg', 'images/fm_td1.jpg', 'images/fm_mrva.jpg', 'images/fm_td2.jpg', 'images/pt_passport-td2.jpg'])(
    'reads the clean specimen %s exactly, all check digits valid',
    (file) => {
      const d = gt.find((x) => x.file === file)!;
      const r = results.get(file) ?? null;
      expect(r).not.toBeNull();
      expect(r!.format).toBe(String(d.mrz_format).replace('-', ''));
      expect(r!.lines).toEqual(d.mrz_lines);
      expect(fieldsCorrect(r, d)).toBe(9);
      expect(r!.valid).toBe(true);
      expect(r!.fields.documentNumber.checkDigitValid).toBe(true);
      expect(r!.fields.birthDate.checkDigitValid).toBe(true);
      expect(r!.fields.expiryDate.checkDigitValid).toBe(true);
      expect(r!.fields.surname.source).toBe('MRZ');
    },
  );

  it('returns null for a document without MRZ', () => {
    expect(results.get('images/fm_nomrz.jpg')).toBeNull();
  });

  it('returns null for the kyc set back side (no MRZ)', async () => {
    const back = join(FIXTURES, 'kyc_sets/set_1/doc_back.png');
    if (!existsSync(back)) return;
    expect(await reader.read(readFileSync(back))).toBeNull();
  }, 60_000);

  it('rejects truncated image bytes with an Error', async () => {
    const bytes = readFileSync(join(DOCS, 'images/pt_passport-td3.jpg'));
    await expect(reader.read(bytes.subarray(0, 2000))).rejects.toThrow(/MRZ reader/);
    // The reader still works afterwards.
    expect((await reader.read(readFileSync(join(DOCS, 'images/fm_td3.jpg'))))?.format).toBe('TD3');
  }, 60_000);
});

describe('MrzReader input errors', () => {
  let reader: MrzReader;
  beforeAll(async () => {
    reader = await MrzReader.create();
  }, 60_000);
  afterAll(async () => {
    await reader?.terminate();
  });

  it('rejects empty input', async () => {
    await expect(reader.read(Buffer.alloc(0))).rejects.toThrow(Error);
  });

  it('rejects bytes that are not an image', async () => {
    await expect(reader.read(Buffer.from('this is not an image at all, just text'))).rejects.toThrow(/MRZ reader/);
  });

  it('rejects a corrupt PNG', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
    await expect(reader.read(png)).rejects.toThrow(/MRZ reader/);
  });

  it('returns null for a blank image', async () => {
    const sharp = (await import('sharp')).default;
    const blank = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#ffffff' } }).png().toBuffer();
    expect(await reader.read(blank)).toBeNull();
  });
});
