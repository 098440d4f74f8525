import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../electron/service/analysis/defaultPolicy';
import { assessQuality } from '../../electron/service/analysis/quality/assessQuality';
import { measureQuality } from '../../electron/service/analysis/quality/qualityFeatures';
import { fadeBox } from '../../shared/fadeCrop';

const demo = (name: string) => readFileSync(join(import.meta.dirname, '../../resources/demo', name));
const limit = DEFAULT_POLICY.quality.maxGlareFade;

/**
 * Changes every pixel of an image by `f(value, x, y)` (per channel, 0-255) and encodes it as a JPEG.
 * Written here rather than with the quality-set generator: the glare below is a Gaussian, not the
 * generator's linear radial gradient, so a pass shows the measure reads a fade, not one tool's shape.
 */
async function transform(src: Buffer, f: (v: number, x: number, y: number, w: number, h: number) => number): Promise<Buffer> {
  const { data, info } = await sharp(src).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const { width: w, height: h } = info;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      for (let c = 0; c < 3; c++) {
        const i = (y * w + x) * 3 + c;
        data[i] = Math.round(Math.min(255, Math.max(0, f(data[i]!, x, y, w, h))));
      }
  return sharp(data, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 92 }).toBuffer();
}

/** Glare: white light screened on, its strength a Gaussian of the distance from (cx, cy) (shares of the width and height), sigma a share of the width. */
const glare = (cx: number, cy: number, sigma: number) => (v: number, x: number, y: number, w: number, h: number) => {
  const a = Math.exp(-((x - cx * w) ** 2 + (y - cy * h) ** 2) / (2 * (sigma * w) ** 2));
  return v + a * (255 - v);
};

const measure = async (b: Buffer) => {
  const f = await measureQuality(b, 'document');
  const q = assessQuality(f, DEFAULT_POLICY.quality, 'document');
  return { fade: f.glareFade!, hotspots: q.measures.find((m) => m.name === 'glare')!, fadeMeasure: q.measures.find((m) => m.name === 'glareFade')!, reasons: q.reasons };
};

describe('glare on a white page (glareFade.ts)', () => {
  // A specimen printed on white: the hotspot measure cannot see glare on it (nothing is lighter than the paper).
  const page = demo('pe_100_pass-uto.jpg');

  it('accepts the clean page', async () => {
    const m = await measure(page);
    expect(m.fade).toBeLessThan(limit);
    expect(m.reasons).toEqual([]);
  });

  it('refuses glare over the print and the portrait, which shows no hotspot', async () => {
    for (const [cx, cy] of [
      [0.25, 0.5],
      [0.5, 0.5],
    ] as const) {
      const m = await measure(await transform(page, glare(cx, cy, 0.12)));
      expect(m.hotspots.pass, `hotspots at ${cx},${cy}`).toBe(true);
      expect(m.fadeMeasure, `fade at ${cx},${cy}`).toMatchObject({ pass: false, reason: 'GLARE', threshold: limit });
      expect(m.reasons).toEqual(['GLARE']);
    }
  });

  it('does not read a shadow, uneven light or a pale print as glare', async () => {
    // A shadow across the page: paper and print darken together, to 55 % at the far edge.
    const shadow = await measure(await transform(page, (v, x, _y, w) => v * (1 - 0.45 * (x / w))));
    expect(shadow.fade).toBeLessThan(limit);
    // Light falling off from the centre (vignetting), likewise on paper and print.
    const vignette = await measure(await transform(page, (v, x, y, w, h) => v * (1 - 0.5 * (((x - w / 2) / w) ** 2 + ((y - h / 2) / h) ** 2) * 2)));
    expect(vignette.fade).toBeLessThan(limit);
    // The whole print at 40 % of its contrast: pale everywhere, faded nowhere.
    const pale = await measure(await transform(page, (v) => 255 - 0.4 * (255 - v)));
    expect(pale.fade).toBeLessThan(limit);
  });

  it('reads the card alone, so a clean card framed on a desk scores as it does filling the frame', async () => {
    // The measure's constants are in pixels of a card 128 px wide: read on a whole 16:9 frame, a card
    // on a desk is smaller and its print finer, and clean cards framed so scored as glare.
    const alone = (await measure(page)).fade;
    for (const background of ['#2b3440', '#8a6a4a', '#f4f4f4']) {
      const framed = await sharp(page).resize({ width: 1280, height: 720, fit: 'contain', background }).removeAlpha().jpeg({ quality: 92 }).toBuffer();
      const m = await measure(framed);
      expect(m.fade, background).toBeLessThan(limit / 2);
      expect(Math.abs(m.fade - alone), background).toBeLessThan(limit / 4);
    }
    // A phone's photo stored sideways with an EXIF orientation is cut where it is displayed.
    const wide = await sharp(page).resize({ width: 1600, height: 900, fit: 'contain', background: '#202020' }).jpeg({ quality: 92 }).toBuffer();
    const sideways = await sharp(wide).rotate(-90).withMetadata({ orientation: 6 }).jpeg({ quality: 92 }).toBuffer();
    expect((await measure(sideways)).fade).toBeCloseTo((await measure(wide)).fade, 4);
    // Glare on the framed card is still refused.
    const card = await sharp(page).resize({ width: 900 }).toBuffer();
    const desk = await sharp({ create: { width: 1280, height: 800, channels: 3, background: '#2b3440' } })
      .composite([{ input: await transform(card, glare(0.5, 0.5, 0.12)), gravity: 'centre' }])
      .jpeg({ quality: 92 })
      .toBuffer();
    expect((await measure(desk)).fadeMeasure).toMatchObject({ pass: false, reason: 'GLARE' });
  });

  it('finds the card\'s box on the small frame: a card on a desk, or the whole frame when it fills it', async () => {
    const px = async (b: Buffer) => {
      const { data, info } = await sharp(b).resize({ width: 96 }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      return { data, width: info.width, height: info.height, channels: 3 };
    };
    const meta = await sharp(page).metadata();
    // The card scaled to 640 px wide, centred on a dark 1280 × 720 desk.
    const h = Math.round((640 * meta.height!) / meta.width!);
    const onDesk = await sharp({ create: { width: 1280, height: 720, channels: 3, background: '#202020' } })
      .composite([{ input: await sharp(page).resize({ width: 640 }).toBuffer(), left: 320, top: Math.round((720 - h) / 2) }])
      .png()
      .toBuffer();
    const box = fadeBox(await px(onDesk));
    // Within a pixel and a half of the 96 x 54 map, either way.
    const near = (got: number, want: number, mapPixels: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(1.5 / mapPixels);
    near(box.x0, 0.25, 96);
    near(box.x1, 0.75, 96);
    near(box.y0, (720 - h) / 2 / 720, 54);
    near(box.y1, (720 + h) / 2 / 720, 54);
    expect(fadeBox({ data: new Uint8Array(96 * 54 * 3).fill(128), width: 96, height: 54, channels: 3 })).toEqual({ x0: 0, y0: 0, x1: 1, y1: 1 });
  });

  it('is measured on documents only: a selfie has no page', async () => {
    const f = await measureQuality(demo('set1_selfie.png'), 'selfie');
    expect(f.glareFade).toBeNull();
    expect(assessQuality(f, DEFAULT_POLICY.quality, 'selfie').measures.map((m) => m.name)).not.toContain('glareFade');
  });
});
