import { flattenBackground, warpBand } from './mrzBandCrop';
import type { Band, Gray } from './mrzImage';

/** The band is measured at this length (at most MAX_PROFILE_ZOOM times enlarged). */
const PROFILE_LENGTH = 600;
const MAX_PROFILE_ZOOM = 6;

/**
 * How strongly a band repeats at one character pitch, in [-1, 1]: the autocorrelation peak of
 * its column ink profile at lags of 1/48 to 1/24 of its length. MRZ lines are monospaced OCR-B
 * and their 2 or 3 lines share the pitch and the columns, so the profile is strongly periodic
 * (0.57 to 0.80 on the fixture specimens); printed text in proportional fonts is not (0.06 to
 * 0.53). Costs a few milliseconds, against a second or more for an OCR pass, and is the same
 * for a band upside down.
 */
export function bandPeriodicity(src: Gray, band: Band): number {
  const zoom = Math.min(MAX_PROFILE_ZOOM, PROFILE_LENGTH / band.length);
  const g = flattenBackground(warpBand(src, band, { padAlong: 0, padAcross: band.thickness * 0.05, zoom, turn: 0 }), 31);
  const { width: w, height: h, data } = g;
  const p = new Float64Array(w);
  let mean = 0;
  for (let x = 0; x < w; x++) {
    let n = 0;
    for (let y = 0; y < h; y++) if (data[y * w + x]! < 128) n++;
    p[x] = n / h;
    mean += p[x]! / w;
  }
  let energy = 0;
  for (let x = 0; x < w; x++) {
    p[x]! -= mean;
    energy += p[x]! * p[x]!;
  }
  if (energy === 0) return 0;
  let best = -1;
  for (let k = Math.floor(w / 48); k <= Math.ceil(w / 24); k++) {
    if (k < 1 || k >= w) continue;
    let sum = 0;
    for (let x = 0; x + k < w; x++) sum += p[x]! * p[x + k]!;
    best = Math.max(best, ((sum / energy) * w) / (w - k));
  }
  return best;
}
