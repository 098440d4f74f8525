import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bandPeriodicity } from '../../electron/service/analysis/mrz/bandPeriodicity';
import { decodeGray, findBands } from '../../electron/service/analysis/mrz/mrzImage';
import { mulberry32 } from '../../electron/service/cli/eval/stats';

const DEMO = join(import.meta.dirname, '../../resources/demo');
const bandsOf = async (file: string) => {
  const src = await decodeGray(readFileSync(join(DEMO, file)));
  return (await findBands(src, 3)).map((b) => bandPeriodicity(src, b));
};

/** The cheap gate that keeps ordinary printed text away from the OCR (see MrzReader). */
describe('band periodicity', () => {
  it('is high for the monospaced MRZ band of a passport, upright', async () => {
    const [mrz] = await bandsOf('pe_100_pass-bdr.jpg');
    expect(mrz).toBeGreaterThan(0.55);
  });

  it('is the same for the page upside down', async () => {
    const src = await decodeGray(readFileSync(join(DEMO, 'pe_100_pass-bdr.jpg')));
    const sharp = (await import('sharp')).default;
    const turned = await sharp(readFileSync(join(DEMO, 'pe_100_pass-bdr.jpg'))).rotate(180).png().toBuffer();
    const srcTurned = await decodeGray(turned);
    const a = bandPeriodicity(src, (await findBands(src, 1))[0]!);
    const b = bandPeriodicity(srcTurned, (await findBands(srcTurned, 1))[0]!);
    expect(Math.abs(a - b)).toBeLessThan(0.05);
  });

  it('is low for every text band of an ID card front without an MRZ', async () => {
    const scores = await bandsOf('set1_doc_front.png');
    expect(scores.length).toBeGreaterThan(0);
    for (const s of scores) expect(s).toBeLessThan(0.45);
  });
});

describe('band detection', () => {
  it('finds the MRZ when a printed frame runs a few pixels from the ends of its lines', async () => {
    const sharp = (await import('sharp')).default;
    const file = readFileSync(join(DEMO, 'pe_100_pass-bdr.jpg'));
    const [band] = await findBands(await decodeGray(file), 1);
    const { width, height } = await sharp(file).metadata();
    // A thin frame like a specimen card's border, its sides just outside the MRZ lines' ends
    // and closer to them than the closing that joins a line's characters reaches.
    const half = band!.length / 2 + 6;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect x="${band!.cx - half}" y="${height! * 0.03}" width="${2 * half}" height="${height! * 0.94}" rx="14" fill="none" stroke="#404040" stroke-width="2"/></svg>`;
    const framed = await decodeGray(await sharp(file).composite([{ input: Buffer.from(svg) }]).png().toBuffer());
    const [found] = await findBands(framed, 1);
    expect(Math.abs(found!.cy - band!.cy)).toBeLessThan(band!.thickness / 2);
    expect(found!.length).toBeGreaterThan(band!.length * 0.9);
    expect(found!.length).toBeLessThan(band!.length * 1.1);
    expect(bandPeriodicity(framed, found!)).toBeGreaterThan(0.55);
  });

  it('finds the MRZ on a noisy, low-contrast copy, where Otsu alone splits the noise', async () => {
    const sharp = (await import('sharp')).default;
    const small = await sharp(readFileSync(join(DEMO, 'pe_100_pass-bdr.jpg'))).greyscale().resize({ width: 600 }).raw().toBuffer({ resolveWithObject: true });
    const clean = { data: new Uint8Array(small.data), width: small.info.width, height: small.info.height };
    const [mrz] = await findBands(clean, 1);
    // Half the contrast and Gaussian noise of sigma 8 (seeded): every pixel's black-hat rises.
    const rnd = mulberry32(1);
    const gauss = () => Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd());
    const data = clean.data.map((v) => Math.max(0, Math.min(255, Math.round(128 + (v - 128) * 0.5 + 8 * gauss()))));
    const bands = await findBands({ ...clean, data }, 3);
    const found = bands.find((b) => Math.abs(b.cy - mrz!.cy) < mrz!.thickness / 2);
    expect(found).toBeDefined();
    expect(found!.length).toBeGreaterThan(mrz!.length * 0.9);
  });
});
