import { existsSync, readFileSync } from 'node:fs';
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
    const r = assessQuality(await measureQuality(readFileSync(join(fixtures, 'quality', l.file))), DEFAULT_POLICY.quality, 'document');
    expect(r.acceptable).toBe(l.acceptable);
    for (const d of l.defects) expect(r.reasons).toContain(REASON[d]);
  });
});

describe('capture quality on shipped specimens and synthetic degradations', () => {
  it('passes a clean scan and names each defect made from it', async () => {
    const clean = demoImage('pe_100_pass-bdr.jpg');
    const q = (b: Buffer) => measureQuality(b).then((f) => assessQuality(f, DEFAULT_POLICY.quality, 'document'));
    expect((await q(clean)).acceptable).toBe(true);
    expect((await q(await sharp(clean).blur(6).toBuffer())).reasons).toContain('BLURRY');
    expect((await q(await sharp(clean).resize(300).toBuffer())).reasons).toContain('LOW_RESOLUTION');
    expect((await q(await sharp(clean).linear(0.3, 0).toBuffer())).reasons).toContain('TOO_DARK');
    expect((await q(await sharp(clean).linear(0.4, 200).toBuffer())).reasons).toContain('OVEREXPOSED');
  });

  it('reports every measure with its value and the threshold it was held to', async () => {
    const r = assessQuality(await measureQuality(demoImage('pe_98_pass-nld.jpg')), DEFAULT_POLICY.quality, 'document');
    expect(r.measures.map((m) => m.name)).toEqual(['resolution', 'sharpness', 'glare', 'darkness', 'overexposure', 'fill']);
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
