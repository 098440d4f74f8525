/**
 * Grey-level statistics and rank filters on 8-bit rasters (the MRZ band detector's morphology).
 */

/**
 * Separable running max (dilation of bright) or min over a kx-by-ky rectangle, clipped at the
 * image's edges. Each pass is van Herk / Gil-Werman: three comparisons a pixel whatever the
 * window, where comparing the whole window costs its length a pixel (the MRZ detector's closings
 * were most of the OCR lane's JavaScript time). A min is a max of the inverted values.
 */
export function rankFilter(src: Uint8Array, w: number, h: number, kx: number, ky: number, max: boolean): Uint8Array {
  const input = max ? src : invert(src);
  const out = columnsMax(rowsMax(input, w, h, kx >> 1), w, h, ky >> 1);
  return max ? out : invert(out);
}

function invert(a: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = 255 - a[i]!;
  return out;
}

/** Each row's running max over [x - r, x + r]; outside the row counts as 0, which never wins a max. */
function rowsMax(src: Uint8Array, w: number, h: number, r: number): Uint8Array {
  const out = new Uint8Array(w * h);
  const k = 2 * r + 1;
  const n = w + 2 * r;
  const p = new Uint8Array(n);
  const f = new Uint8Array(n);
  const b = new Uint8Array(n);
  for (let y = 0; y < h; y++) {
    p.set(src.subarray(y * w, y * w + w), r);
    // Max from each block's start (forward) and to each block's end (backward); blocks are k long.
    for (let s = 0; s < n; s += k) {
      const e = Math.min(s + k, n);
      f[s] = p[s]!;
      for (let i = s + 1; i < e; i++) f[i] = p[i]! > f[i - 1]! ? p[i]! : f[i - 1]!;
      b[e - 1] = p[e - 1]!;
      for (let i = e - 2; i >= s; i--) b[i] = p[i]! > b[i + 1]! ? p[i]! : b[i + 1]!;
    }
    // The window [x, x + k - 1] of the padded row spans at most two blocks: one's end, the next's start.
    for (let x = 0, o = y * w; x < w; x++) out[o + x] = b[x]! > f[x + k - 1]! ? b[x]! : f[x + k - 1]!;
  }
  return out;
}

/** Each column's running max over [y - r, y + r]: the same blocks as rowsMax, a whole row at a time. */
function columnsMax(src: Uint8Array, w: number, h: number, r: number): Uint8Array {
  const out = new Uint8Array(w * h);
  const k = 2 * r + 1;
  const n = h + 2 * r;
  // Padded rows: r rows of 0 above and below the image.
  const p = new Uint8Array(n * w);
  p.set(src, r * w);
  const f = new Uint8Array(n * w);
  const b = new Uint8Array(n * w);
  for (let s = 0; s < n; s += k) {
    const e = Math.min(s + k, n);
    f.set(p.subarray(s * w, s * w + w), s * w);
    for (let i = (s + 1) * w; i < e * w; i++) f[i] = p[i]! > f[i - w]! ? p[i]! : f[i - w]!;
    b.set(p.subarray((e - 1) * w, e * w), (e - 1) * w);
    for (let i = (e - 1) * w - 1; i >= s * w; i--) b[i] = p[i]! > b[i + w]! ? p[i]! : b[i + w]!;
  }
  for (let i = 0; i < w * h; i++) {
    const top = b[i]!;
    const bottom = f[i + (k - 1) * w]!;
    out[i] = top > bottom ? top : bottom;
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
