import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { SPECTRUM_PATCH, spectralPeakRatio } from '../../electron/service/analysis/pad/screenSpectrum';
import { presentationAttackScore } from '../../electron/service/analysis/pad/presentationAttack';
import { DEFAULT_POLICY } from '../../electron/service/analysis/defaultPolicy';

const selfie = join(import.meta.dirname, '../../resources/demo/set1_selfie.png');

/** The demo selfie's central SPECTRUM_PATCH square, grayscale. */
async function patch(): Promise<Uint8Array> {
  const meta = await sharp(selfie).metadata();
  const left = Math.round((meta.width! - SPECTRUM_PATCH) / 2), top = Math.round((meta.height! - SPECTRUM_PATCH) / 2);
  return new Uint8Array(await sharp(selfie).extract({ left, top, width: SPECTRUM_PATCH, height: SPECTRUM_PATCH }).greyscale().raw().toBuffer());
}

describe('spectral peak ratio (screen pixel grid)', () => {
  it('is low on a photographed face and jumps when a fine periodic grid (a display re-photographed) is laid over it', async () => {
    const face = await patch();
    const plain = spectralPeakRatio(face, SPECTRUM_PATCH);
    // A faint grid of period 3 px, like a display's sub-pixel rows seen by a camera.
    const grid = face.map((v, i) => Math.max(0, Math.min(255, v + 6 * Math.cos((2 * Math.PI * (i % SPECTRUM_PATCH)) / 3))));
    const screen = spectralPeakRatio(grid, SPECTRUM_PATCH);
    expect(plain).toBeLessThan(100);
    expect(screen).toBeGreaterThan(300);
  });

  it('is not fooled by a flat patch or white noise', () => {
    expect(spectralPeakRatio(new Uint8Array(SPECTRUM_PATCH * SPECTRUM_PATCH).fill(128), SPECTRUM_PATCH)).toBe(0);
    let seed = 7;
    const noise = Uint8Array.from({ length: SPECTRUM_PATCH * SPECTRUM_PATCH }, () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % 256));
    expect(spectralPeakRatio(noise, SPECTRUM_PATCH)).toBeLessThan(100);
  });
});

describe('presentation-attack cues on a small face', () => {
  it('reads no texture from a face under 256 px (an enlarged crop would look flat) and no spectrum under 160 px', async () => {
    const small = await sharp(selfie).resize(150, 150).png().toBuffer();
    const r = await presentationAttackScore(null, small, DEFAULT_POLICY.presentationAttack.threshold);
    const names = r.signals.map((s) => s.name);
    expect(names).not.toContain('texture');
    expect(names).not.toContain('screenPeak');
    // Before the size check this portrait, enlarged from 150 px, read as flat texture: an attack.
    expect(r.attack).toBe(false);
  });
});
