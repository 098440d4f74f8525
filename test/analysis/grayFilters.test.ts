import { describe, expect, it } from 'vitest';
import { rankFilter } from '../../electron/service/analysis/mrz/grayFilters';
import { mulberry32 } from '../../electron/service/cli/eval/stats';

/** The definition: every pixel compared with its whole window, clipped at the image's edges. */
function rankFilterByDefinition(src: Uint8Array, w: number, h: number, kx: number, ky: number, max: boolean): Uint8Array {
  const rx = kx >> 1;
  const ry = ky >> 1;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let v = max ? 0 : 255;
      for (let j = Math.max(0, y - ry); j <= Math.min(h - 1, y + ry); j++)
        for (let i = Math.max(0, x - rx); i <= Math.min(w - 1, x + rx); i++) v = max ? Math.max(v, src[j * w + i]!) : Math.min(v, src[j * w + i]!);
      out[y * w + x] = v;
    }
  return out;
}

describe('rankFilter (van Herk / Gil-Werman)', () => {
  it('equals the window-by-window definition for any size and window, windows wider than the image included', () => {
    const rand = mulberry32(12);
    for (let t = 0; t < 400; t++) {
      const w = 1 + Math.floor(rand() * 30);
      const h = 1 + Math.floor(rand() * 30);
      const kx = 1 + Math.floor(rand() * 40);
      const ky = 1 + Math.floor(rand() * 40);
      // Sparse bright and dark specks over noise, like text on a page.
      const src = Uint8Array.from({ length: w * h }, () => (rand() < 0.2 ? 255 : rand() < 0.2 ? 0 : Math.floor(rand() * 256)));
      for (const max of [true, false]) {
        expect(Array.from(rankFilter(src, w, h, kx, ky, max)), JSON.stringify({ t, w, h, kx, ky, max })).toEqual(Array.from(rankFilterByDefinition(src, w, h, kx, ky, max)));
      }
    }
  });

  it('dilates a single bright pixel into exactly its window', () => {
    const w = 11, h = 9;
    const src = new Uint8Array(w * h);
    src[4 * w + 5] = 200;
    const out = rankFilter(src, w, h, 5, 3, true);
    const lit = [...out.keys()].filter((i) => out[i] === 200).map((i) => [i % w, Math.floor(i / w)]);
    expect(lit).toHaveLength(15);
    for (const [x, y] of lit) {
      expect(Math.abs(x! - 5)).toBeLessThanOrEqual(2);
      expect(Math.abs(y! - 4)).toBeLessThanOrEqual(1);
    }
  });
});
