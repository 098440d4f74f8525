import { glareFadeShare } from './glareFade';
import { lumaOf, type Pixels } from './pixels';
import type { PolicyBody } from './schemas/policy';

/**
 * Live capture quality, measured on camera frames in the browser before a shot is accepted.
 * The measurements mirror the engine's (electron/service/analysis/quality/qualityFeatures.ts:
 * Crété-Roffet blur, luma percentiles, compact glare blobs) and use the thresholds of the
 * current verification policy, so a shot the camera accepts is one the engine accepts too.
 * They live in shared/ because the renderer cannot import the service (sharp is Node-only); on the
 * same pixels they give the engine's values exactly (test/renderer/onboardingFrameQuality.test.ts).
 */

export type QualityLimits = Pick<PolicyBody['quality'], 'minShortSidePx' | 'maxBlur' | 'maxDocumentBlur' | 'maxGlare' | 'maxGlareFade' | 'minLumaP95' | 'maxLumaP5'>;

/** What a capture shows: a document is held to the document blur limit, a selfie to the selfie one. */
export type CaptureKind = 'document' | 'selfie';

/** The blur limit for a capture of `kind`, for the engine and the camera alike. */
export function blurLimit(limits: QualityLimits, kind: CaptureKind): number {
  return kind === 'document' ? limits.maxDocumentBlur : limits.maxBlur;
}

export type FrameProblem = 'lowResolution' | 'tooDark' | 'tooBright' | 'blurry' | 'glare';

export interface FrameQuality {
  blur: number;
  glare: number;
  /** Glare fading a white page's print (glareFade.ts), for a document; null for a selfie. */
  glareFade: number | null;
  lumaP95: number;
  lumaP5: number;
  /** Problems in the order an operator should fix them; empty when the frame is good. */
  problems: FrameProblem[];
}

/**
 * Widths the frames are measured at, by the engine (qualityFeatures.ts) and the onboarding camera
 * alike: blur depends on the scale, so both measure it at this width (never enlarged), glare at 96.
 */
export const BLUR_WIDTH = 1000;
export const GLARE_WIDTH = 96;

/** The width blur is measured at for an image or frame `width` pixels wide. */
export function blurWidth(width: number): number {
  return Math.min(BLUR_WIDTH, width);
}

/**
 * The shipped quality limits: the default policy's (electron/service/analysis/defaultPolicy.ts),
 * and the camera's until the policy has loaded. Here because the renderer cannot import the service.
 */
export const DEFAULT_QUALITY_LIMITS: PolicyBody['quality'] = {
  minShortSidePx: 400,
  // Selfies: real face photos read up to 0.45 in focus (faces/, presentation_attack/, kyc_sets/).
  maxBlur: 0.45,
  // Documents: clean specimens read at most 0.33, motion-blurred copies from 0.38 (development seeds 11-40).
  maxDocumentBlur: 0.36,
  maxGlare: 0.012,
  // Twice the highest score of a clean development capture (seeds 11-25's clean captures, 0.0073,
  // and the same captures framed on desks and as a webcam sees them, 0.0177), rounded up: read on
  // the card (fadeCrop.ts), a framed card scores close to the card alone, not exactly. Checked on
  // seeds 26-40 and on the 33 real documents, alone (highest 0.0104) and framed (0.0208).
  maxGlareFade: 0.036,
  minLumaP95: 130,
  maxLumaP5: 155,
  minDocumentFill: 0.15,
};

/**
 * Directions blur is measured along: rows, columns and both diagonals, so motion at any angle
 * lies within 22.5 degrees of one of them (with rows and columns alone, diagonal motion splits
 * between the two and neither sees it whole).
 */
const BLUR_DIRECTIONS: readonly (readonly [number, number])[] = [
  [1, 0],
  [0, 1],
  [1, 1],
  [1, -1],
];

/** Crété-Roffet et al. (2007): how much a strong low-pass filter removes from the variation, worst direction. */
export function creteBlur(px: ArrayLike<number>, w: number, h: number): number {
  const K = 9;
  const half = (K - 1) / 2;
  let worst = 0;
  // One line at a time, padded by `half` copies of its end pixels (the filter's edge rule).
  const line = new Float32Array(Math.max(w, h) + 2 * half);
  for (const [dx, dy] of BLUR_DIRECTIONS) {
    let sF = 0;
    let sV = 0;
    // A line starts on the left edge, or for columns and diagonals on the top (bottom) edge.
    const starts = (dx === 0 ? 0 : h) + (dy === 0 ? 0 : dx === 0 ? w : w - 1);
    for (let s = 0; s < starts; s++) {
      const x = dx === 0 ? s : s < h ? 0 : s - h + 1;
      const y = dx === 0 ? 0 : s < h ? s : dy > 0 ? 0 : h - 1;
      // Steps until the line leaves the frame: through the far column, or the bottom (top) row.
      const len = Math.min(dx === 0 ? Infinity : w - x, dy === 0 ? Infinity : dy > 0 ? h - y : y + 1);
      if (len < 2) continue;
      const step = dy * w + dx;
      for (let i = 0, at = y * w + x; i < len; i++, at += step) line[half + i] = px[at]!;
      for (let i = 0; i < half; i++) {
        line[i] = line[half]!;
        line[half + len + i] = line[half + len - 1]!;
      }
      let acc = 0;
      for (let i = 0; i < K; i++) acc += line[i]!;
      // One pass: the box mean rounded to a 32-bit float (fround) as the measure was first
      // computed, through a Float32Array, so the shipped blur limits still mean what they meant.
      let prevBlurred = Math.fround(acc / K);
      let prev = line[half]!;
      for (let i = 1; i < len; i++) {
        acc += line[i - 1 + K]! - line[i - 1]!;
        const blurred = Math.fround(acc / K);
        const cur = line[half + i]!;
        const dF = Math.abs(cur - prev);
        const dB = Math.abs(blurred - prevBlurred);
        const gain = dF - dB;
        sF += dF;
        // max(0, gain), exactly, without a branch: the sign of real image data is unpredictable.
        sV += (gain + Math.abs(gain)) * 0.5;
        prev = cur;
        prevBlurred = blurred;
      }
    }
    worst = Math.max(worst, sF === 0 ? 1 : (sF - sV) / sF);
  }
  return worst;
}

function percentiles(px: Float32Array): { p5: number; p95: number } {
  const hist = new Array<number>(256).fill(0);
  for (const v of px) hist[Math.min(255, Math.max(0, Math.round(v)))]!++;
  const at = (p: number) => {
    let c = 0;
    for (let v = 0; v < 256; v++) {
      c += hist[v]!;
      if (c >= p * px.length) return v;
    }
    return 255;
  };
  return { p5: at(0.05), p95: at(0.95) };
}

function boxBlur(map: Float32Array, w: number, h: number, r: number): Float32Array {
  let src = map;
  for (let pass = 0; pass < 3; pass++) {
    const tmp = new Float32Array(w * h);
    const out = new Float32Array(w * h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        let s = 0;
        let n = 0;
        for (let k = Math.max(0, x - r); k <= Math.min(w - 1, x + r); k++, n++) s += src[y * w + k]!;
        tmp[y * w + x] = s / n;
      }
    }
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        let s = 0;
        let n = 0;
        for (let k = Math.max(0, y - r); k <= Math.min(h - 1, y + r); k++, n++) s += tmp[k * w + x]!;
        out[y * w + x] = s / n;
      }
    }
    src = out;
  }
  return src;
}

/**
 * How far (in luma) a pixel must be from the border colour to count as the document rather than
 * what it lies on: the fill measure (qualityFeatures.ts) and the card region below.
 */
export const BACKGROUND_TOLERANCE = 18;

/** The median luma of the frame's outermost pixels: the colour of what the document lies on. */
export function borderLuma(luma: ArrayLike<number>, w: number, h: number): number {
  const border: number[] = [];
  for (let x = 0; x < w; x++) border.push(luma[x]!, luma[(h - 1) * w + x]!);
  for (let y = 0; y < h; y++) border.push(luma[y * w]!, luma[y * w + w - 1]!);
  border.sort((a, b) => a - b);
  return border[Math.floor(border.length / 2)]!;
}

/**
 * The card's region: pixels unlike the border colour, filled across each row and each column between
 * the first and last such pixel. A glare spot at the card's edge bites a notch out of the card that
 * one of the two directions still spans, so it stays inside; the white surround it would otherwise
 * join (and, through it, the frame's edge) stays outside.
 */
function cardRegion(luma: Float32Array, w: number, h: number): Uint8Array {
  const bg = borderLuma(luma, w, h);
  const card = new Uint8Array(w * h);
  const fill = (lines: number, along: number, at: (line: number, k: number) => number) => {
    for (let l = 0; l < lines; l++) {
      let first = -1;
      let last = -1;
      for (let k = 0; k < along; k++) {
        if (Math.abs(luma[at(l, k)]! - bg) <= BACKGROUND_TOLERANCE) continue;
        if (first < 0) first = k;
        last = k;
      }
      for (let k = first; first >= 0 && k <= last; k++) card[at(l, k)] = 1;
    }
  };
  fill(h, w, (y, x) => y * w + x);
  fill(w, h, (x, y) => y * w + x);
  // A card whose own colour is the surround's (a white page on white, a card filling the frame) has
  // no edge to tell apart: it is all card.
  const inside: number[] = [];
  for (let i = 0; i < w * h; i++) if (card[i]) inside.push(luma[i]!);
  inside.sort((a, b) => a - b);
  if (inside.length === 0 || Math.abs(inside[Math.floor(inside.length / 2)]! - bg) <= BACKGROUND_TOLERANCE) card.fill(1);
  return card;
}

/**
 * The luma a glare blob must reach somewhere: a reflection of the light source saturates the sensor,
 * while a light printed area (a pale tint, a white panel) stays below it however bright it looks.
 */
const GLARE_PEAK_LUMA = 250;

/**
 * Near-white, unsaturated pixels well above their surroundings, in compact blobs away from the
 * frame's edge that reach saturation (GLARE_PEAK_LUMA); on a document, only on the card (cardRegion).
 * A selfie has no card: cut off from a light background that way, a white collar or a lit cheek
 * read as glare (3 of 44 in-focus faces/ photos).
 */
export function glareShare(img: Pixels, kind: CaptureKind): number {
  const { width: w, height: h, data } = img;
  const c = img.channels ?? 4;
  const luma = lumaOf(img);
  const background = boxBlur(luma, w, h, Math.round(w / 8));
  const card = kind === 'document' ? cardRegion(luma, w, h) : new Uint8Array(w * h).fill(1);
  const mask = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) {
    const r = data[i * c]!;
    const g = data[i * c + 1]!;
    const b = data[i * c + 2]!;
    const max = Math.max(r, g, b);
    const sat = max === 0 ? 0 : (max - Math.min(r, g, b)) / max;
    mask[i] = card[i] && luma[i]! >= 232 && sat < 0.12 && luma[i]! - background[i]! >= 22 ? 1 : 0;
  }
  const seen = new Uint8Array(w * h);
  const stack: number[] = [];
  let kept = 0;
  for (let start = 0; start < w * h; start++) {
    if (!mask[start] || seen[start]) continue;
    let size = 0;
    let peak = 0;
    let edge = false;
    let minX = w;
    let maxX = 0;
    let minY = h;
    let maxY = 0;
    stack.push(start);
    seen[start] = 1;
    while (stack.length) {
      const i = stack.pop()!;
      size++;
      peak = Math.max(peak, luma[i]!);
      const x = i % w;
      const y = (i - x) / w;
      if (x === 0 || y === 0 || x === w - 1 || y === h - 1) edge = true;
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
      for (const j of [x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, i - w, i + w]) {
        if (j < 0 || j >= w * h || seen[j] || !mask[j]) continue;
        seen[j] = 1;
        stack.push(j);
      }
    }
    const solidity = size / ((maxX - minX + 1) * (maxY - minY + 1));
    const share = size / (w * h);
    if (!edge && peak >= GLARE_PEAK_LUMA && solidity >= 0.5 && share >= 0.004 && share <= 0.12) kept += size;
  }
  return kept / (w * h);
}

/**
 * `sharp` is the frame at blurWidth(its width), `small` the same frame at GLARE_WIDTH and `fade` the
 * card's box (fadeCrop.ts, found on `small`, cut from `sharp`) at FADE_WIDTH, null for a selfie
 * (glareFade.ts; all RGBA, never enlarged); `shortSide` the camera's own resolution (the
 * shot is stored at full size); `kind` what the camera is capturing, which picks the blur limit
 * (and a selfie has no page whose print could fade).
 */
export function measureFrame(sharp: Pixels, small: Pixels, fade: Pixels | null, shortSide: number, kind: CaptureKind, limits: QualityLimits = DEFAULT_QUALITY_LIMITS): FrameQuality {
  const luma = lumaOf(sharp);
  const blur = creteBlur(luma, sharp.width, sharp.height);
  const { p5, p95 } = percentiles(luma);
  const glare = glareShare(small, kind);
  const glareFade = kind === 'document' && fade ? glareFadeShare(fade) : null;
  const problems: FrameProblem[] = [];
  if (shortSide < limits.minShortSidePx) problems.push('lowResolution');
  if (p95 < limits.minLumaP95) problems.push('tooDark');
  if (p5 > limits.maxLumaP5) problems.push('tooBright');
  if (blur > blurLimit(limits, kind)) problems.push('blurry');
  if (glare > limits.maxGlare || (glareFade !== null && glareFade > limits.maxGlareFade)) problems.push('glare');
  return { blur: Math.round(blur * 1000) / 1000, glare: Math.round(glare * 1000) / 1000, glareFade, lumaP95: p95, lumaP5: p5, problems };
}
