import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { measureQuality } from '../../electron/service/analysis/quality/qualityFeatures';
import { assessQuality } from '../../electron/service/analysis/quality/assessQuality';
import { DEFAULT_POLICY } from '../../electron/service/analysis/defaultPolicy';
import { checkImage } from '../../electron/service/analysis/imageGuard';
import { demoImage } from '../helpers/analysisSetup';

const fixtures = join(import.meta.dirname, '../../../shared/fixtures');
const haveFixtures = existsSync(join(fixtures, 'quality'));
if (!haveFixtures) process.stderr.write(`Skipping the quality-set test: no fixtures at ${fixtures}\n`);

describe.skipIf(!haveFixtures)('capture quality on the labelled quality set', () => {
  const labels = haveFixtures
    ? (JSON.parse(readFileSync(join(fixtures, 'quality/labels.json'), 'utf8')).images as { file: string; acceptable: boolean; defects: string[] }[])
    : [];
  const REASON: Record<string, string> = { blur: 'BLURRY', glare: 'GLARE', low_resolution: 'LOW_RESOLUTION', dark: 'TOO_DARK', overexposed: 'OVEREXPOSED' };

  it.each(labels.map((l) => [l.file, l] as const))('%s', async (_file, l) => {
    const r = assessQuality(await measureQuality(readFileSync(join(fixtures, 'quality', l.file)), 'document'), DEFAULT_POLICY.quality, 'document');
    expect(r.acceptable).toBe(l.acceptable);
    for (const d of l.defects) expect(r.reasons).toContain(REASON[d]);
  });
});

const documents = join(fixtures, 'documents');
describe.skipIf(!existsSync(documents))('capture quality on the real specimens (skipped without ../shared/fixtures)', () => {
  it('accepts every specimen not degraded as captured (the ones the generated sets start from)', async () => {
    // As make_quality_set.py: these tags mark a specimen that is itself a poor capture.
    const degraded = new Set(['low_resolution', 'blurred', 'low_contrast', 'screenshot_with_ui', 'annotated_diagram', 'rotated_90']);
    const docs = (JSON.parse(readFileSync(join(documents, 'ground_truth.json'), 'utf8')).documents as { file: string; quality_tags?: string[] }[]).filter(
      (d) => !(d.quality_tags ?? []).some((t) => degraded.has(t)),
    );
    const refused: string[] = [];
    for (const d of docs) {
      const f = await measureQuality(readFileSync(join(documents, d.file)), 'document');
      if (Math.min(f.width, f.height) < DEFAULT_POLICY.quality.minShortSidePx) continue;
      const r = assessQuality(f, DEFAULT_POLICY.quality, 'document');
      if (!r.acceptable) refused.push(`${d.file}: ${r.reasons.join(', ')}`);
    }
    expect(docs.length).toBeGreaterThanOrEqual(15);
    expect(refused).toEqual([]);
  }, 60_000);
});

const faces = join(fixtures, 'faces/images');
describe.skipIf(!existsSync(faces))('selfie blur on real face photos (skipped without ../shared/fixtures)', () => {
  it('refuses few in-focus face photos as blurry selfies, where the document limit would refuse many', async () => {
    const blurry = { selfie: 0, document: 0, photos: 0 };
    let refused = 0;
    for (const file of readdirSync(faces)) {
      const f = await measureQuality(readFileSync(join(faces, file)), 'selfie');
      // Below the resolution limit a photo is refused for that, whatever its blur.
      if (Math.min(f.width, f.height) < DEFAULT_POLICY.quality.minShortSidePx) continue;
      blurry.photos++;
      for (const kind of ['selfie', 'document'] as const) if (assessQuality(f, DEFAULT_POLICY.quality, kind).reasons.includes('BLURRY')) blurry[kind]++;
      if (!assessQuality(f, DEFAULT_POLICY.quality, 'selfie').acceptable) refused++;
    }
    // 44 photos: 4 read above the selfie limit, 16 above the document limit; 6 refused for any
    // reason (blur, 2 with glare, 1 too dark) (2026-12-05).
    expect(blurry.photos).toBeGreaterThanOrEqual(40);
    expect(blurry.selfie).toBeLessThanOrEqual(4);
    expect(blurry.document).toBeGreaterThan(3 * blurry.selfie);
    expect(refused).toBeLessThanOrEqual(6);
  }, 60_000);
});

describe('capture quality on shipped specimens and synthetic degradations', () => {
  it('passes a clean scan and names each defect made from it', async () => {
    const clean = demoImage('pe_100_pass-bdr.jpg');
    const q = (b: Buffer) => measureQuality(b, 'document').then((f) => assessQuality(f, DEFAULT_POLICY.quality, 'document'));
    expect((await q(clean)).acceptable).toBe(true);
    expect((await q(await sharp(clean).blur(6).toBuffer())).reasons).toContain('BLURRY');
    expect((await q(await sharp(clean).resize(300).toBuffer())).reasons).toContain('LOW_RESOLUTION');
    expect((await q(await sharp(clean).linear(0.3, 0).toBuffer())).reasons).toContain('TOO_DARK');
    expect((await q(await sharp(clean).linear(0.4, 200).toBuffer())).reasons).toContain('OVEREXPOSED');
  });

  it('reports every measure with its value and the threshold it was held to', async () => {
    const r = assessQuality(await measureQuality(demoImage('pe_98_pass-nld.jpg'), 'document'), DEFAULT_POLICY.quality, 'document');
    expect(r.measures.map((m) => m.name)).toEqual(['resolution', 'sharpness', 'glare', 'glareFade', 'darkness', 'overexposure', 'fill']);
    for (const m of r.measures) expect(m.pass).toBe(m.passWhen === '>=' ? m.value >= m.threshold : m.value <= m.threshold);
  });

  it('refuses bad input with coded errors before decoding', async () => {
    await expect(checkImage(new Uint8Array())).rejects.toMatchObject({ code: 'ANALYSIS.0003' });
    await expect(checkImage(Buffer.from('%PDF-1.7 ...'))).rejects.toMatchObject({ code: 'ANALYSIS.0004' });
    await expect(checkImage(Buffer.from('definitely not an image, though named .jpg'))).rejects.toMatchObject({ code: 'ANALYSIS.0001' });
    await expect(checkImage(demoImage('pe_100_pass-cze.jpg').subarray(0, 3000))).rejects.toMatchObject({ code: 'ANALYSIS.0001' });
    const huge = await sharp({ create: { width: 8000, height: 6250, channels: 3, background: '#777' } }).png().toBuffer();
    await expect(checkImage(huge)).rejects.toMatchObject({ code: 'ANALYSIS.0002' });
    await expect(checkImage(demoImage('pe_100_id-che.jpg'))).resolves.toMatchObject({ width: expect.any(Number) });
  });
});

// ImageMagick makes the degradations the generated quality sets are made of (make_quality_set.py).
const magick = spawnSync('convert', ['-version']).status === 0;
const convert = (src: Buffer, args: string[]) => {
  const r = spawnSync('convert', ['-', ...args, '-quality', '92', 'jpg:-'], { input: src, maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(r.stderr.toString());
  return r.stdout;
};
const assess = async (b: Buffer) => assessQuality(await measureQuality(b, 'document'), DEFAULT_POLICY.quality, 'document');

describe.skipIf(!magick)('capture quality on ImageMagick degradations (skipped without ImageMagick)', () => {
  it('reads motion blur at a diagonal about as high as along rows or columns', async () => {
    const clean = demoImage('pe_100_pass-cze.jpg');
    const blur = async (angle: number) => (await measureQuality(convert(clean, ['-motion-blur', `0x16+${angle}`]), 'document')).blur;
    expect((await measureQuality(clean, 'document')).blur).toBeLessThan(0.25);
    // Rows and columns alone read these two at 0.32: the motion splits between them.
    for (const angle of [45, 135]) expect(await blur(angle), `${angle} degrees`).toBeGreaterThan(0.4);
    expect((await assess(convert(clean, ['-motion-blur', '0x16+0']))).reasons).toContain('BLURRY');
  });

  it('holds a document to the document blur limit and a selfie to the looser selfie limit', async () => {
    // A light motion blur: print edges smeared over a few pixels, still soft-skin sharp for a face.
    const f = await measureQuality(convert(demoImage('pe_100_pass-cze.jpg'), ['-motion-blur', '0x5+0']), 'document');
    expect(f.blur).toBeGreaterThan(DEFAULT_POLICY.quality.maxDocumentBlur);
    expect(f.blur).toBeLessThan(DEFAULT_POLICY.quality.maxBlur);
    const sharpness = (kind: 'document' | 'selfie') => assessQuality(f, DEFAULT_POLICY.quality, kind).measures.find((m) => m.name === 'sharpness');
    expect(sharpness('document')).toMatchObject({ threshold: DEFAULT_POLICY.quality.maxDocumentBlur, reason: 'BLURRY' });
    expect(sharpness('selfie')).toMatchObject({ threshold: DEFAULT_POLICY.quality.maxBlur, pass: true });
  });

  it('refuses a saturated glare spot on a card', async () => {
    const clean = demoImage('pe_100_pass-bdr.jpg');
    const { width, height } = await sharp(clean).metadata();
    const [gw, gh] = [Math.round(width! * 0.4), Math.round(height! * 0.4)];
    const glare = convert(clean, ['(', '-size', `${gw}x${gh}`, 'radial-gradient:white-none', ')', '-geometry', `+${Math.round(width! * 0.3)}+${Math.round(height! * 0.3)}`, '-compose', 'screen', '-composite']);
    expect((await assess(glare)).reasons).toContain('GLARE');
  });

  it('refuses glare that runs over the card\'s edge onto the white it lies on, and not the card without it', async () => {
    // A darkened card on a white surround: the glare's saturated core joins the white past the edge.
    const card = convert(demoImage('pe_100_pass-cze.jpg'), ['-resize', '700x', '-brightness-contrast', '-45x0', '-bordercolor', 'white', '-border', '60']);
    const { width, height } = await sharp(card).metadata();
    const [gw, gh] = [Math.round(width! / 2), Math.round(height! / 2)];
    const [cx, cy] = [Math.round(width! / 2), height! - 60 - Math.round(gh * 0.15)];
    const spot = (w: number, h: number) => ['(', '-size', `${w}x${h}`, 'radial-gradient:white-none', ')', '-geometry', `+${cx - Math.round(w / 2)}+${cy - Math.round(h / 2)}`, '-compose', 'screen', '-composite'];
    const glare = convert(card, [...spot(gw, gh), ...spot(Math.round(gw / 2), Math.round(gh / 2))]);
    expect((await assess(card)).reasons).toEqual([]);
    expect((await assess(glare)).reasons).toContain('GLARE');
  });
});

const az = join(fixtures, 'documents/images/md_dl-usa-az_nomrz.jpg');
describe.skipIf(!magick || !existsSync(az))('capture quality on a light card (skipped without ../shared/fixtures or ImageMagick)', () => {
  it('accepts the clean card despite its large pale areas, and refuses it washed out', async () => {
    const clean = readFileSync(az);
    expect((await assess(clean)).reasons).toEqual([]);
    expect((await assess(convert(clean, ['-brightness-contrast', '55x-25']))).reasons).toContain('OVEREXPOSED');
  });
});
