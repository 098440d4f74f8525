import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas, ImageData } from '@napi-rs/canvas';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { fadeBox, fadeCropPixels, scaledSize } from '../../shared/fadeCrop';
import { FADE_WIDTH } from '../../shared/glareFade';
import { DEFAULT_QUALITY_LIMITS, GLARE_WIDTH, blurWidth, measureFrame } from '../../shared/liveCaptureQuality';
import type { Pixels } from '../../shared/pixels';

const dir = join(import.meta.dirname, '../../../shared/fixtures/quality');
const present = existsSync(join(dir, 'labels.json'));
if (!present) process.stderr.write(`Skipping the live-capture quality test: no fixtures at ${dir}.\n`);

async function at(file: string, width: number): Promise<Pixels> {
  const { data, info } = await sharp(file).resize({ width }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/**
 * The camera's fade frame, drawn as CameraCapture's cropCanvas draws it (the card's box found on the
 * small frame, cut from the big one, high-quality smoothing) on a Skia canvas (@napi-rs/canvas;
 * Chromium draws with Skia too). The renderer's module itself is not imported into Node's project.
 */
async function cameraFade(file: string): Promise<Pixels> {
  const meta = await sharp(file).metadata();
  const big = await at(file, blurWidth(meta.width!));
  const bigCanvas = createCanvas(big.width, big.height);
  bigCanvas.getContext('2d').putImageData(new ImageData(new Uint8ClampedArray(big.data), big.width, big.height), 0, 0);
  const crop = fadeCropPixels(fadeBox(await at(file, GLARE_WIDTH)), big.width, big.height);
  const size = scaledSize(crop, FADE_WIDTH);
  const out = createCanvas(size.width, size.height);
  const ctx = out.getContext('2d');
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bigCanvas, crop.left, crop.top, crop.width, crop.height, 0, 0, size.width, size.height);
  return ctx.getImageData(0, 0, size.width, size.height);
}

describe.skipIf(!present)('live capture quality in the onboarding camera', () => {
  it('accepts the clean captures and names the defect of the degraded ones', async () => {
    const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as { images: { file: string; acceptable: boolean; defects: string[] }[] };
    const expected: Record<string, string> = { blur: 'blurry', glare: 'glare', dark: 'tooDark', overexposed: 'tooBright' };
    let right = 0;
    for (const l of labels.images) {
      const file = join(dir, l.file);
      const meta = await sharp(file).metadata();
      const q = measureFrame(await at(file, blurWidth(meta.width!)), await at(file, GLARE_WIDTH), await cameraFade(file), Math.min(meta.width!, meta.height!), 'document');
      if ((q.problems.length === 0) === l.acceptable) right++;
      if (l.acceptable) expect(q.problems, l.file).toEqual([]);
      for (const d of l.defects) if (expected[d]) expect(q.problems, l.file).toContain(expected[d]);
    }
    // Low-resolution copies are caught by the resolution rule on the real file size.
    expect(right).toBeGreaterThanOrEqual(18);
  });

  it('refuses a camera below the minimum resolution', () => {
    const grey = { data: new Uint8Array(64 * 36 * 4).fill(128), width: 64, height: 36 };
    expect(measureFrame(grey, grey, grey, 240, 'document').problems).toContain('lowResolution');
  });

  it('holds a document to the document blur limit and a selfie to the selfie one', async () => {
    const file = join(dir, 'images', readdirSync(join(dir, 'images')).find((f) => f.endsWith('.jpg'))!);
    const meta = await sharp(file).metadata();
    const frame = [await at(file, blurWidth(meta.width!)), await at(file, GLARE_WIDTH), await cameraFade(file), Math.min(meta.width!, meta.height!)] as const;
    const { blur } = measureFrame(...frame, 'document');
    const strictDocument = { ...DEFAULT_QUALITY_LIMITS, maxDocumentBlur: blur - 0.01, maxBlur: blur + 0.01 };
    expect(measureFrame(...frame, 'document', strictDocument).problems).toContain('blurry');
    expect(measureFrame(...frame, 'selfie', strictDocument).problems).not.toContain('blurry');
    const strictSelfie = { ...DEFAULT_QUALITY_LIMITS, maxDocumentBlur: blur + 0.01, maxBlur: blur - 0.01 };
    expect(measureFrame(...frame, 'document', strictSelfie).problems).not.toContain('blurry');
    expect(measureFrame(...frame, 'selfie', strictSelfie).problems).toContain('blurry');
  });
});

describe.skipIf(!present)('the live check measures as the engine does', () => {
  it('gives the engine\'s blur and glare on the same pixels', async () => {
    const { measureQuality } = await import('../../electron/service/analysis/quality/qualityFeatures');
    const { creteBlur, glareShare } = await import('../../shared/liveCaptureQuality');
    const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as { images: { file: string }[] };
    for (const l of labels.images.slice(0, 8)) {
      const file = join(dir, l.file);
      const engine = await measureQuality(readFileSync(file), 'document');
      const meta = await sharp(file).metadata();
      const grey = await sharp(file).rotate().greyscale().resize({ width: Math.min(1000, meta.width!), withoutEnlargement: true }).raw().toBuffer({ resolveWithObject: true });
      const small = await sharp(file).rotate().removeAlpha().resize({ width: 96 }).raw().toBuffer({ resolveWithObject: true });
      expect(creteBlur(grey.data, grey.info.width, grey.info.height), l.file).toBeCloseTo(engine.blur, 6);
      expect(glareShare({ data: small.data, width: small.info.width, height: small.info.height, channels: 3 }, 'document'), l.file).toBeCloseTo(engine.glare, 6);
      // The camera's own measure, at the width it uses, is on the engine's scale: one blur limit fits both
      // (not to the digit: the camera's luma is taken from resized RGBA, the engine's from sharp's grey).
      const camera = measureFrame(await at(file, blurWidth(meta.width!)), await at(file, GLARE_WIDTH), await cameraFade(file), Math.min(meta.width!, meta.height!), 'document');
      expect(Math.abs(camera.blur - engine.blur), l.file).toBeLessThan(0.03);
      // The fade is read on the same card box, cut from the frame at the same width, so the camera's
      // canvas and the engine's sharp score it alike.
      expect(Math.abs(camera.glareFade! - engine.glareFade!), l.file).toBeLessThan(DEFAULT_QUALITY_LIMITS.maxGlareFade / 4);
    }
  });

  it('checks against the policy\'s shipped limits until the policy has loaded (one source)', async () => {
    const { DEFAULT_POLICY } = await import('../../electron/service/analysis/defaultPolicy');
    const { DEFAULT_QUALITY_LIMITS } = await import('../../shared/liveCaptureQuality');
    expect(DEFAULT_POLICY.quality).toBe(DEFAULT_QUALITY_LIMITS);
  });
});
