import { lumaOf, type Pixels } from './pixels';

/**
 * Glare on a white page (issue 12). The hotspot measure (glareShare) looks for light well above its
 * surroundings; on a white page there is nothing lighter than the paper, so glare there leaves one
 * trace only: the print under it fades. Glare adds light, which scales the content's contrast down
 * by a factor that falls smoothly from 1 at its rim to 0 at its centre, while the paper stays as white
 * as it was. So:
 * - F, the darkest content near each point (a max filter of ink darkness), is a set of flat levels
 *   joined by sharp steps on any print, a pale print being a low flat level; under glare it ramps;
 * - a shadow or uneven light ramps too, but darkens the paper with the ink, and glare on white
 *   paper does not move the paper's level;
 * - glare fades outward from its centre, so its ramps point away from one point.
 * The score is the share of a compact window taken by ramp pixels pointing away from its centre
 * (less those pointing towards it), in the window where that share is highest. Glare over blank paper or on a coloured page
 * is left to glareShare.
 *
 * Measured on the card's box (fadeCrop.ts) scaled to FADE_WIDTH pixels wide, never enlarged: an
 * upscaled low-resolution photo has soft edges that read as ramps. The constants are in pixels of
 * that map, so the card must be read at one scale however it was framed; they were set on generated
 * development seeds 11-25 and checked on 26-40 (README, capture quality).
 */
export const FADE_WIDTH = 128;
/** F is the darkest content within 3 px (about 2.5 % of the width, a line of small print). */
const REACH = 3;
/** A ramp is sampled 5 times, 3 px apart: 12 px, the rim of a small glare spot. */
const STEP = 3;
/** Mean rise per sample at least 8 % of the page's black level: paper to full ink in about 12 samples. */
const MIN_RISE = 0.08;
/** Each rise within 35 % of the mean (plus 0.02 for noise): a ramp, not a flat stretch and a step. */
const EVENNESS = 0.35;
const EVENNESS_NOISE = 0.02;
/** The ramp's own pixel is partly faded: above the paper (10 %) and short of full ink (80 %). */
const FADED_MIN = 0.1;
const FADED_MAX = 0.8;
/** Along a ramp the local paper level moves by 5 % of the black level at most: not a shadow. */
const PAPER_TOLERANCE = 0.05;
/** The window's half side, 12 % of the width: one compact glare spot, not the whole page. */
const WINDOW = 0.12;
/** A page with less ink than this (luma) gets this black level, so its noise is not stretched into ink. */
const MIN_BLACK_LEVEL = 30;

const DIRECTIONS: readonly (readonly [number, number])[] = [
  [1, 0],
  [0, 1],
  [1, 1],
  [1, -1],
];

/** The largest value within `r` pixels (a square window), separably. */
function maxFilter(src: Float32Array, w: number, h: number, r: number): Float32Array {
  const rows = new Float32Array(w * h);
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let m = -Infinity;
      for (let k = Math.max(0, x - r); k <= Math.min(w - 1, x + r); k++) m = Math.max(m, src[y * w + k]!);
      rows[y * w + x] = m;
    }
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let m = -Infinity;
      for (let k = Math.max(0, y - r); k <= Math.min(h - 1, y + r); k++) m = Math.max(m, rows[k * w + x]!);
      out[y * w + x] = m;
    }
  return out;
}

/** The paper's luma (the median: a page dominates a document capture) and its black level (paper minus the 1st percentile). */
function pageLevels(luma: Float32Array): { paper: number; black: number } {
  const hist = new Uint32Array(256);
  for (const v of luma) hist[Math.min(255, Math.round(v))]!++;
  const at = (share: number) => {
    let acc = 0;
    for (let v = 0; v < 256; v++) if ((acc += hist[v]!) >= share * luma.length) return v;
    return 255;
  };
  const paper = at(0.5);
  return { paper, black: paper - at(0.01) };
}

/**
 * For a ramp pixel, the direction the ink darkens in (away from a glare's centre), or null: F
 * partly faded here, changing evenly over five samples in one direction, the paper level flat.
 */
function rampDirection(F: Float32Array, paperLevel: Float32Array, i: number, w: number): readonly [number, number] | null {
  const f0 = F[i]!;
  if (f0 < FADED_MIN || f0 > FADED_MAX) return null;
  for (const [ux, uy] of DIRECTIONS) {
    const o = STEP * (ux + uy * w);
    // Read the five samples so that F falls along them; the ink darkens the other way.
    let s = [F[i - 2 * o]!, F[i - o]!, f0, F[i + o]!, F[i + 2 * o]!];
    let towardsInk = -1;
    if (s[4]! > s[0]!) {
      s = s.reverse();
      towardsInk = 1;
    }
    const mean = (s[0]! - s[4]!) / 4;
    if (mean < MIN_RISE) continue;
    const tolerance = EVENNESS * mean + EVENNESS_NOISE;
    let even = true;
    for (let k = 0; k < 4 && even; k++) {
      const fall = s[k]! - s[k + 1]!;
      even = fall > 0 && Math.abs(fall - mean) <= tolerance;
    }
    if (!even) continue;
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = -2; k <= 2; k++) {
      lo = Math.min(lo, paperLevel[i + k * o]!);
      hi = Math.max(hi, paperLevel[i + k * o]!);
    }
    if (hi - lo > PAPER_TOLERANCE) continue;
    return [towardsInk * ux, towardsInk * uy];
  }
  return null;
}

/** The glare-fade score of a document's card box scaled to FADE_WIDTH (RGB or RGBA): a share of one glare window, 0 without glare. */
export function glareFadeShare(img: Pixels): number {
  const { width: w, height: h } = img;
  const n = w * h;
  const luma = lumaOf(img);
  const { paper, black } = pageLevels(luma);
  const scale = 1 / Math.max(MIN_BLACK_LEVEL, black);
  const ink = new Float32Array(n);
  const light = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    ink[i] = Math.min(1, Math.max(0, paper - luma[i]!) * scale);
    light[i] = luma[i]! * scale;
  }
  const F = maxFilter(ink, w, h, REACH);
  const paperLevel = maxFilter(light, w, h, REACH);
  const ramps: { x: number; y: number; dx: number; dy: number }[] = [];
  const margin = 2 * STEP;
  for (let y = margin; y < h - margin; y++)
    for (let x = margin; x < w - margin; x++) {
      const d = rampDirection(F, paperLevel, y * w + x, w);
      if (d) ramps.push({ x, y, dx: d[0], dy: d[1] });
    }
  // Glare fades outward: in the best window, ramps whose ink darkens away from its centre count,
  // and ramps darkening towards it count against. Centres on a 2-pixel grid.
  const half = Math.round(WINDOW * w);
  let best = 0;
  for (let cy = 0; cy < h; cy += 2)
    for (let cx = 0; cx < w; cx += 2) {
      let s = 0;
      for (const r of ramps) {
        const ex = r.x - cx;
        const ey = r.y - cy;
        if (Math.abs(ex) > half || Math.abs(ey) > half) continue;
        s += Math.sign(ex * r.dx + ey * r.dy);
      }
      best = Math.max(best, s);
    }
  // A share of the window, not of the map: the map's height is the card's box's, so a share of the
  // map would score the same glare lower on a taller document.
  return best / (2 * half + 1) ** 2;
}
