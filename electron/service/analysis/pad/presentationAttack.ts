import sharp from 'sharp';
import type { FaceEngine } from '../face/FaceEngine';
import { SPECTRUM_PATCH, spectralPeakRatio } from './screenSpectrum';

export interface PresentationAttackScore {
  /** 0..1, higher is more likely an attack (a printed photo or a screen). */
  score: number;
  threshold: number;
  attack: boolean;
  signals: { name: string; value: number }[];
}

const WORK = 256;
/** Mean max-min channel spread (0-255) below which a capture counts as grayscale. */
const MIN_MEAN_CHROMA = 4;
/**
 * Spectral peak ratio (screenSpectrum.ts) from which a face reads as re-photographed from a
 * screen. Set from genuine photos only: the largest over the 64 ordinary photos of the shared
 * faces/ set and the 2 live captures was 127, so a ring peak more than twice that is not camera
 * noise or JPEG blocking (the one screen replay labelled so far measures 916). `npm run calibrate`
 * prints that largest genuine value beside this one.
 */
export const SCREEN_PEAK = 300;
/** Logit added per e-fold of the spectral peak over SCREEN_PEAK: twice the limit alone outweighs the other cues of a live face. */
const SCREEN_WEIGHT = 4;

function stats(values: number[]): { mean: number; variance: number } {
  const mean = values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, values.length);
  return { mean, variance };
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * Passive presentation-attack cues, measured on the face and the area around it:
 * - fine texture: a print or screen loses skin micro-texture (Laplacian energy over gradient energy);
 * - specular glare: glossy paper and screens throw flat, colourless highlights around the face;
 * - colour: reproductions compress the skin's saturation;
 * - screen grid: a re-photographed display leaves narrow peaks in the face's spectrum.
 * One signal among several for the decision, never the decision alone.
 */
export async function presentationAttackScore(
  engine: FaceEngine | null,
  image: Buffer,
  /** The policy's presentationAttack.threshold: the policy is its only source. */
  threshold: number,
  /** The face as fractions of the image, when a previous step already found it. */
  knownFace?: { left: number; top: number; width: number; height: number } | null,
): Promise<PresentationAttackScore> {
  const meta = await sharp(image).rotate().metadata();
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  const height = meta.autoOrient?.height ?? meta.height ?? 0;
  let region = { left: 0, top: 0, width, height };
  if (knownFace) {
    region = {
      left: Math.max(0, Math.round(knownFace.left * width)),
      top: Math.max(0, Math.round(knownFace.top * height)),
      width: Math.max(1, Math.round(knownFace.width * width)),
      height: Math.max(1, Math.round(knownFace.height * height)),
    };
    region.width = Math.min(region.width, width - region.left);
    region.height = Math.min(region.height, height - region.top);
  } else if (engine) {
    const found = await engine.detectFaces(image);
    const f = found.faces[0];
    if (f) {
      const sx = width / found.width;
      const sy = height / found.height;
      region = {
        left: Math.max(0, Math.round(f.box.x * sx)),
        top: Math.max(0, Math.round(f.box.y * sy)),
        width: Math.min(width, Math.round(f.box.width * sx)),
        height: Math.min(height, Math.round(f.box.height * sy)),
      };
      region.width = Math.min(region.width, width - region.left);
      region.height = Math.min(region.height, height - region.top);
    }
  }
  const face = await sharp(image).rotate().extract(region).resize(WORK, WORK, { fit: 'fill' }).removeAlpha().raw().toBuffer();
  const sat: number[] = [];
  for (let i = 0; i < WORK * WORK; i++) {
    const r = face[i * 3]!;
    const g = face[i * 3 + 1]!;
    const b = face[i * 3 + 2]!;
    const max = Math.max(r, g, b);
    sat.push(max === 0 ? 0 : (max - Math.min(r, g, b)) / max);
  }
  // Texture is read only on a face at least WORK pixels across: an enlarged crop's fine detail is
  // the interpolation's, so every small face (a webcam frame, a 150 px portrait) would look flat.
  const texture = region.width >= WORK && region.height >= WORK ? textureOf(face) : null;
  const screenPeak = await screenPeakOf(image, region);

  // Specular glare in the whole frame, away from the face.
  const whole = await sharp(image).rotate().resize(WORK, WORK, { fit: 'fill' }).removeAlpha().raw().toBuffer();
  let specular = 0;
  let chroma = 0;
  for (let i = 0; i < WORK * WORK; i++) {
    const r = whole[i * 3]!;
    const g = whole[i * 3 + 1]!;
    const b = whole[i * 3 + 2]!;
    const max = Math.max(r, g, b);
    chroma += max - Math.min(r, g, b);
    if (max > 235 && (max - Math.min(r, g, b)) / max < 0.08) specular++;
  }
  const specularShare = specular / (WORK * WORK);
  const saturation = stats(sat).mean;
  // Both colour cues need colour: in a grayscale capture (a scan, a portrait cut from an ID)
  // every pixel is "colourless" and "unsaturated", which says nothing about an attack.
  const colour = chroma / (WORK * WORK) >= MIN_MEAN_CHROMA;

  // Each cue scaled around where live captures sit; positive pushes towards "attack".
  const z =
    -0.3 +
    (texture === null ? 0 : 3 * (1.1 - texture)) +
    (colour ? 25 * Math.max(0, specularShare - 0.02) + 6 * (0.3 - saturation) : 0) +
    (screenPeak === null ? 0 : SCREEN_WEIGHT * Math.max(0, Math.log(screenPeak / SCREEN_PEAK)));
  const score = logistic(z);
  return {
    score,
    threshold,
    attack: score >= threshold,
    signals: [
      ...(texture === null ? [] : [{ name: 'texture', value: Math.round(texture * 1000) / 1000 }]),
      ...(screenPeak === null ? [] : [{ name: 'screenPeak', value: Math.round(screenPeak * 10) / 10 }]),
      { name: 'specularShare', value: Math.round(specularShare * 1000) / 1000 },
      { name: 'skinSaturation', value: Math.round(saturation * 1000) / 1000 },
      { name: 'colourCapture', value: colour ? 1 : 0 },
    ],
  };
}

/** Laplacian energy over gradient energy of a WORK x WORK RGB crop: a print or screen loses skin micro-texture. */
function textureOf(face: Buffer): number {
  const gray = new Float32Array(WORK * WORK);
  for (let i = 0; i < WORK * WORK; i++) gray[i] = 0.299 * face[i * 3]! + 0.587 * face[i * 3 + 1]! + 0.114 * face[i * 3 + 2]!;
  let lap = 0;
  let grad = 0;
  for (let y = 1; y < WORK - 1; y++) {
    for (let x = 1; x < WORK - 1; x++) {
      const i = y * WORK + x;
      const l = 4 * gray[i]! - gray[i - 1]! - gray[i + 1]! - gray[i - WORK]! - gray[i + WORK]!;
      lap += l * l;
      grad += (gray[i + 1]! - gray[i]!) ** 2 + (gray[i + WORK]! - gray[i]!) ** 2;
    }
  }
  return grad === 0 ? 0 : lap / grad;
}

/**
 * The spectral peak ratio of the face's central SPECTRUM_PATCH square at native resolution, or
 * null when the face is too small to hold one (the inner 80% of its box, away from hair and
 * background, whose edges would add lines of their own).
 */
async function screenPeakOf(image: Buffer, region: { left: number; top: number; width: number; height: number }): Promise<number | null> {
  if (Math.min(region.width, region.height) * 0.8 < SPECTRUM_PATCH) return null;
  const left = Math.round(region.left + (region.width - SPECTRUM_PATCH) / 2);
  const top = Math.round(region.top + (region.height - SPECTRUM_PATCH) / 2);
  const gray = await sharp(image).rotate().extract({ left, top, width: SPECTRUM_PATCH, height: SPECTRUM_PATCH }).greyscale().raw().toBuffer();
  return spectralPeakRatio(gray, SPECTRUM_PATCH);
}
