/**
 * A screen re-photographed by a camera leaves its pixel grid in the capture: a few narrow, strong
 * peaks in the high spatial frequencies (moiré), where a live face, a print's halftone blur and
 * JPEG noise spread their energy over a whole ring of the spectrum. The measure is the strongest
 * single frequency of a ring over that ring's median, on the face at its native resolution (any
 * resampling would blur the grid away).
 */
import FFT from 'fft.js';

/** Side of the square patch (a power of two for the FFT): rings of a smaller patch hold too few frequencies for a stable median. */
export const SPECTRUM_PATCH = 128;
/** Rings from 1/8 cycle per pixel (finer than any facial feature at this size) up to Nyquist. */
const LOW_CUT = 0.125;
const HIGH_CUT = 0.5;

/** Power spectrum of an n x n grayscale patch (row-major), mean removed and Hann-windowed so the patch's edges add no spurious lines. */
function powerSpectrum(gray: ArrayLike<number>, n: number): Float64Array {
  let mean = 0;
  for (let i = 0; i < n * n; i++) mean += gray[i]!;
  mean /= n * n;
  const hann = Array.from({ length: n }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1)));
  // A 2-D transform as rows then columns, each with fft.js on interleaved (re, im) pairs.
  const fft = new FFT(n);
  const grid = new Float64Array(2 * n * n);
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) grid[2 * (y * n + x)] = (gray[y * n + x]! - mean) * hann[y]! * hann[x]!;
  const line = new Float64Array(2 * n), out = new Float64Array(2 * n);
  for (let y = 0; y < n; y++) {
    line.set(grid.subarray(2 * y * n, 2 * (y + 1) * n));
    fft.transform(out, line);
    grid.set(out, 2 * y * n);
  }
  for (let x = 0; x < n; x++) {
    for (let y = 0; y < n; y++) {
      line[2 * y] = grid[2 * (y * n + x)]!;
      line[2 * y + 1] = grid[2 * (y * n + x) + 1]!;
    }
    fft.transform(out, line);
    for (let y = 0; y < n; y++) {
      grid[2 * (y * n + x)] = out[2 * y]!;
      grid[2 * (y * n + x) + 1] = out[2 * y + 1]!;
    }
  }
  const p = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) p[i] = grid[2 * i]! ** 2 + grid[2 * i + 1]! ** 2;
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
