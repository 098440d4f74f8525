import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { creteBlur } from '../../shared/liveCaptureQuality';
import { mulberry32 } from '../../electron/service/cli/eval/stats';

/**
 * Crété-Roffet as first written here: each line copied out, its 9-tap box mean kept in a
 * Float32Array, then the variations summed. creteBlur computes it in one pass; the two must give
 * the same number, to the last bit, because the shipped blur limits were set on this one.
 */
function creteBlurAsWritten(px: ArrayLike<number>, w: number, h: number): number {
  const K = 9;
  const half = 4;
  let worst = 0;
  const line = new Float32Array(Math.max(w, h) + 2 * half);
  const blurred = new Float32Array(Math.max(w, h));
  for (const [dx, dy] of [[1, 0], [0, 1], [1, 1], [1, -1]] as const) {
    let sF = 0;
    let sV = 0;
    const starts = (dx === 0 ? 0 : h) + (dy === 0 ? 0 : dx === 0 ? w : w - 1);
    for (let s = 0; s < starts; s++) {
      let x = dx === 0 ? s : s < h ? 0 : s - h + 1;
      let y = dx === 0 ? 0 : s < h ? s : dy > 0 ? 0 : h - 1;
      let len = 0;
      for (; x >= 0 && x < w && y >= 0 && y < h; x += dx, y += dy) line[half + len++] = px[y * w + x]!;
      if (len < 2) continue;
      for (let i = 0; i < half; i++) {
        line[i] = line[half]!;
        line[half + len + i] = line[half + len - 1]!;
      }
      let acc = 0;
      for (let i = 0; i < K; i++) acc += line[i]!;
      for (let i = 0; i < len; i++) {
        blurred[i] = acc / K;
        acc += line[Math.min(i + K, len - 1 + 2 * half)]! - line[i]!;
      }
      for (let i = 1; i < len; i++) {
        const dF = Math.abs(line[half + i]! - line[half + i - 1]!);
        const dB = Math.abs(blurred[i]! - blurred[i - 1]!);
        sF += dF;
        sV += Math.max(0, dF - dB);
      }
    }
    worst = Math.max(worst, sF === 0 ? 1 : (sF - sV) / sF);
  }
  return worst;
}

describe('creteBlur', () => {
  it('gives bit for bit the value of the measure as first written, on noise of every shape (bytes and floats)', () => {
    const rand = mulberry32(3);
    for (let t = 0; t < 200; t++) {
      const w = 1 + Math.floor(rand() * 60);
      const h = 1 + Math.floor(rand() * 60);
      const bytes = Uint8Array.from({ length: w * h }, () => Math.floor(rand() * 256));
      // The camera passes luma as floats.
      const floats = Float32Array.from(bytes, (v) => v * 0.587 + rand());
      expect(creteBlur(bytes, w, h), JSON.stringify({ t, w, h })).toBe(creteBlurAsWritten(bytes, w, h));
      expect(creteBlur(floats, w, h), JSON.stringify({ t, w, h })).toBe(creteBlurAsWritten(floats, w, h));
    }
  });

  it('gives the same value on a real photo, at the engine working width, and finds it sharper than its blurred copy', async () => {
    const photo = readFileSync(join(import.meta.dirname, '../../resources/demo/set1_selfie.png'));
    const grey = await sharp(photo).greyscale().resize({ width: 1000 }).raw().toBuffer({ resolveWithObject: true });
    const soft = await sharp(photo).greyscale().resize({ width: 1000 }).blur(3).raw().toBuffer({ resolveWithObject: true });
    const { width, height } = grey.info;
    const sharpValue = creteBlur(grey.data, width, height);
    expect(sharpValue).toBe(creteBlurAsWritten(grey.data, width, height));
    expect(creteBlur(soft.data, width, height)).toBe(creteBlurAsWritten(soft.data, width, height));
    expect(creteBlur(soft.data, width, height)).toBeGreaterThan(sharpValue + 0.1);
  });
});
