import { describe, expect, it } from 'vitest';
import { padFrame } from '../../electron/service/analysis/face/padFrame';

describe('padFrame', () => {
  it('centres the image on a border of its mean colour, margin x its longer side on each side', () => {
    // 4x2 image: left half black, right half (200, 100, 50).
    const w = 4, h = 2;
    const data = new Uint8Array(w * h * 3);
    for (let y = 0; y < h; y++) for (let x = 2; x < 4; x++) data.set([200, 100, 50], (y * w + x) * 3);
    const p = padFrame({ data, width: w, height: h }, 0.5);
    expect(p).toMatchObject({ offset: 2, width: 8, height: 6 });
    const at = (x: number, y: number) => [...p.data.subarray((y * p.width + x) * 3, (y * p.width + x) * 3 + 3)];
    expect(at(0, 0)).toEqual([100, 50, 25]);
    expect(at(7, 5)).toEqual([100, 50, 25]);
    // The original pixels, shifted by the offset.
    expect(at(2, 2)).toEqual([0, 0, 0]);
    expect(at(5, 3)).toEqual([200, 100, 50]);
    expect(at(6, 3)).toEqual([100, 50, 25]);
  });
});
