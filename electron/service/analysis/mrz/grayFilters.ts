/**
 * Grey-level statistics and rank filters on 8-bit rasters (the MRZ band detector's morphology).
 */

/** Separable running max (dilation of bright) or min over a kx-by-ky rectangle. */
export function rankFilter(src: Uint8Array, w: number, h: number, kx: number, ky: number, max: boolean): Uint8Array {
  const tmp = new Uint8Array(w * h);
  const out = new Uint8Array(w * h);
  const rx = kx >> 1;
  const ry = ky >> 1;
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      let v = max ? 0 : 255;
      const x0 = Math.max(0, x - rx);
      const x1 = Math.min(w - 1, x + rx);
      for (let i = x0; i <= x1; i++) {
        const p = src[row + i]!;
        if (max ? p > v : p < v) v = p;
      }
      tmp[row + x] = v;
    }
  }
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - ry);
    const y1 = Math.min(h - 1, y + ry);
    for (let x = 0; x < w; x++) {
      let v = max ? 0 : 255;
      for (let j = y0; j <= y1; j++) {
        const p = tmp[j * w + x]!;
        if (max ? p > v : p < v) v = p;
      }
      out[y * w + x] = v;
    }
  }
  return out;
}

/** Otsu's threshold: the grey level that best splits the values into two classes. */
export function otsu(values: Uint8Array): number {
  const hist = new Float64Array(256);
  for (const v of values) hist[v]!++;
  const total = values.length;
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * hist[i]!;
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let thr = 0;
  for (let t = 0; t < 256; t++) {
    wB += hist[t]!;
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * hist[t]!;
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) * (mB - mF);
    if (between > best) {
      best = between;
      thr = t;
    }
  }
  return thr;
}

/** The median of 8-bit values. */
export function medianOf(values: Uint8Array): number {
  const hist = new Uint32Array(256);
  for (const v of values) hist[v]!++;
  let c = 0;
  for (let v = 0; v < 256; v++) if ((c += hist[v]!) * 2 >= values.length) return v;
  return 255;
}
