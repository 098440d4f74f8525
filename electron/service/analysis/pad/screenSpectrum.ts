/**
 * A screen re-photographed by a camera leaves its pixel grid in the capture: a few narrow, strong
 * peaks in the high spatial frequencies (moiré), where a live face, a print's halftone blur and
 * JPEG noise spread their energy over a whole ring of the spectrum. The measure is the strongest
 * single frequency of a ring over that ring's median, on the face at its native resolution (any
 * resampling would blur the grid away).
 */

/** Side of the square patch (a power of two for the FFT): rings of a smaller patch hold too few frequencies for a stable median. */
export const SPECTRUM_PATCH = 128;
/** Rings from 1/8 cycle per pixel (finer than any facial feature at this size) up to Nyquist. */
const LOW_CUT = 0.125;
const HIGH_CUT = 0.5;

/** In-place iterative radix-2 FFT of one row or column (length a power of two). */
function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j]!, re[i]!];
      [im[i], im[j]] = [im[j]!, im[i]!];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = (-2 * Math.PI) / len;
    for (let i = 0; i < n; i += len) {
      for (let k = 0; k < len / 2; k++) {
        const wr = Math.cos(ang * k), wi = Math.sin(ang * k);
        const a = i + k, b = a + len / 2;
        const xr = re[b]! * wr - im[b]! * wi;
        const xi = re[b]! * wi + im[b]! * wr;
        re[b] = re[a]! - xr;
        im[b] = im[a]! - xi;
        re[a] = re[a]! + xr;
        im[a] = im[a]! + xi;
      }
    }
  }
}

/** Power spectrum of an n x n grayscale patch (row-major), mean removed and Hann-windowed so the patch's edges add no spurious lines. */
function powerSpectrum(gray: ArrayLike<number>, n: number): Float64Array {
  let mean = 0;
  for (let i = 0; i < n * n; i++) mean += gray[i]!;
  mean /= n * n;
  const hann = Array.from({ length: n }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1)));
  const re = new Float64Array(n * n), im = new Float64Array(n * n);
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) re[y * n + x] = (gray[y * n + x]! - mean) * hann[y]! * hann[x]!;
  const rr = new Float64Array(n), ri = new Float64Array(n);
  for (let y = 0; y < n; y++) {
    rr.set(re.subarray(y * n, y * n + n));
    ri.set(im.subarray(y * n, y * n + n));
    fft(rr, ri);
    re.set(rr, y * n);
    im.set(ri, y * n);
  }
  for (let x = 0; x < n; x++) {
    for (let y = 0; y < n; y++) {
      rr[y] = re[y * n + x]!;
      ri[y] = im[y * n + x]!;
    }
    fft(rr, ri);
    for (let y = 0; y < n; y++) {
      re[y * n + x] = rr[y]!;
      im[y * n + x] = ri[y]!;
    }
  }
  const p = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) p[i] = re[i]! ** 2 + im[i]! ** 2;
  return p;
}

/**
 * The strongest high-frequency peak over its ring's median power, for an n x n grayscale patch
 * (n a power of two). Around 10-130 for genuine photos; a screen's pixel grid gives hundreds.
 */
export function spectralPeakRatio(gray: ArrayLike<number>, n: number): number {
  const p = powerSpectrum(gray, n);
  const freq = (i: number) => (i < n / 2 ? i : i - n) / n;
  const rings = new Map<number, number[]>();
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const r = Math.hypot(freq(y), freq(x));
      if (r <= LOW_CUT || r >= HIGH_CUT) continue;
      const k = Math.round(r * n);
      let ring = rings.get(k);
      if (!ring) rings.set(k, (ring = []));
      ring.push(p[y * n + x]!);
    }
  }
  let best = 0;
  for (const ring of rings.values()) {
    const sorted = [...ring].sort((a, b) => a - b);
    const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
    if (median > 0) best = Math.max(best, sorted[sorted.length - 1]! / median);
  }
  return best;
}
