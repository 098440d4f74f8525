import sharp, { type Sharp } from 'sharp';
import type { RenderedDocument } from './renderDocument';

/**
 * Degrades a rendered document the way phone photos and cheap scans do: blur, sensor noise,
 * JPEG compression, perspective and rotation, uneven light (shading and glare) and low
 * resolution, each at three strengths, or all of them at once ("combined"). Blur and
 * resolution are set in MRZ character pitches, so they mean the same whatever the dpi.
 * Returns the encoded image: JPEG where JPEG is the degradation, PNG otherwise (so the other
 * kinds are measured without compression artefacts).
 */

export type DegradationLevel = 'none' | 'mild' | 'moderate' | 'severe';
export const DEGRADATION_LEVELS: readonly DegradationLevel[] = ['none', 'mild', 'moderate', 'severe'];
export type DegradationKind = 'blur' | 'noise' | 'jpeg' | 'perspective' | 'light' | 'lowres' | 'combined';
export const DEGRADATION_KINDS: readonly DegradationKind[] = ['blur', 'noise', 'jpeg', 'perspective', 'light', 'lowres', 'combined'];

interface Strength {
  /** Gaussian blur sigma, in character pitches. */
  blurPitch: number;
  /** Gaussian noise standard deviation, in grey levels of 255. */
  noiseSd: number;
  jpegQuality: number;
  /** Largest rotation, degrees, and corner displacement, as a fraction of the image side. */
  rotateDeg: number;
  cornerJitter: number;
  /** How dark the darkest corner gets (fraction of light lost) and how bright the glare spot. */
  shade: number;
  glare: number;
  /** Character pitch in pixels after downscaling. */
  lowresPitchPx: number;
}

const STRENGTH: Record<Exclude<DegradationLevel, 'none'>, Strength> = {
  mild: { blurPitch: 0.04, noiseSd: 8, jpegQuality: 55, rotateDeg: 3, cornerJitter: 0.02, shade: 0.25, glare: 0.15, lowresPitchPx: 12 },
  moderate: { blurPitch: 0.08, noiseSd: 16, jpegQuality: 30, rotateDeg: 7, cornerJitter: 0.05, shade: 0.45, glare: 0.3, lowresPitchPx: 9 },
  severe: { blurPitch: 0.13, noiseSd: 30, jpegQuality: 12, rotateDeg: 15, cornerJitter: 0.09, shade: 0.65, glare: 0.5, lowresPitchPx: 6.5 },
};

type Rnd = () => number;
const between = (rnd: Rnd, a: number, b: number): number => a + (b - a) * rnd();

interface Raw {
  data: Buffer;
  width: number;
  height: number;
}

/** Solves the 3x3 homography (h33 = 1) mapping the 4 `from` points onto the 4 `to` points. */
function homography(from: [number, number][], to: [number, number][]): number[] {
  const a: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i]!, [u, v] = to[i]!;
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  // Gauss-Jordan with partial pivoting on the 8x9 augmented matrix.
  for (let c = 0; c < 8; c++) {
    let p = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    [a[c], a[p]] = [a[p]!, a[c]!];
    const row = a[c]!;
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = a[r]![c]! / row[c]!;
      for (let k = c; k < 9; k++) a[r]![k]! -= f * row[k]!;
    }
  }
  return [...a.map((r, i) => r[8]! / r[i]!), 1];
}

/**
 * Rotation plus random corner displacement; pixels from outside the photo repeat its edge.
 * Also returns how much the document was shrunk to stay in the frame, so the steps after it
 * can keep their strengths in character pitches.
 */
function perspective(img: Raw, s: Strength, rnd: Rnd): { img: Raw; scale: number } {
  const { width: w, height: h, data } = img;
  const angle = (between(rnd, -1, 1) * s.rotateDeg * Math.PI) / 180;
  const cx = w / 2, cy = h / 2;
  const corners: [number, number][] = [[0, 0], [w, 0], [w, h], [0, h]];
  // Shrunk a little so the rotated document stays in the frame.
  const k = 1 / (1 + Math.abs(Math.sin(angle)) + 2 * s.cornerJitter);
  const moved = corners.map(([x, y]): [number, number] => {
    const dx = x - cx, dy = y - cy;
    const jx = between(rnd, -1, 1) * s.cornerJitter * w, jy = between(rnd, -1, 1) * s.cornerJitter * h;
    return [cx + k * (dx * Math.cos(angle) - dy * Math.sin(angle)) + jx, cy + k * (dx * Math.sin(angle) + dy * Math.cos(angle)) + jy];
  });
  // Output pixel -> source pixel, so every output pixel is sampled once (bilinear).
  const m = homography(moved, corners);
  const out = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const d = m[6]! * x + m[7]! * y + m[8]!;
      const sx = Math.min(w - 1.001, Math.max(0, (m[0]! * x + m[1]! * y + m[2]!) / d));
      const sy = Math.min(h - 1.001, Math.max(0, (m[3]! * x + m[4]! * y + m[5]!) / d));
      const x0 = Math.floor(sx), y0 = Math.floor(sy), fx = sx - x0, fy = sy - y0;
      const i00 = (y0 * w + x0) * 3, i10 = i00 + 3, i01 = i00 + w * 3, i11 = i01 + 3;
      const o = (y * w + x) * 3;
      for (let c = 0; c < 3; c++) {
        const top = data[i00 + c]! * (1 - fx) + data[i10 + c]! * fx;
        const bottom = data[i01 + c]! * (1 - fx) + data[i11 + c]! * fx;
        out[o + c] = top * (1 - fy) + bottom * fy;
      }
    }
  }
  return { img: { data: out, width: w, height: h }, scale: k };
}

/** Light falling off across the page from a random side, plus a soft glare spot. */
function unevenLight(img: Raw, s: Strength, rnd: Rnd): Raw {
  const { width: w, height: h, data } = img;
  const angle = between(rnd, 0, Math.PI * 2);
  const ux = Math.cos(angle), uy = Math.sin(angle);
  const span = Math.abs(ux) * w + Math.abs(uy) * h;
  const gx = between(rnd, 0.15, 0.85) * w, gy = between(rnd, 0.15, 0.85) * h;
  const gr = between(rnd, 0.12, 0.3) * Math.max(w, h);
  const glare = s.glare * between(rnd, 0.5, 1);
  const out = Buffer.alloc(data.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      // 0 on the lit side, 1 on the far side.
      const t = ((x - w / 2) * ux + (y - h / 2) * uy) / span + 0.5;
      const gain = 1 - s.shade * t;
      const g = glare * Math.exp(-((x - gx) ** 2 + (y - gy) ** 2) / (2 * gr * gr));
      const o = (y * w + x) * 3;
      for (let c = 0; c < 3; c++) out[o + c] = data[o + c]! * gain * (1 - g) + 255 * g;
    }
  }
  return { data: out, width: w, height: h };
}

/** Gaussian sensor noise, independent per channel (Box-Muller on the seeded generator). */
function addNoise(img: Raw, s: Strength, rnd: Rnd): Raw {
  const out = Buffer.alloc(img.data.length);
  for (let i = 0; i < img.data.length; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - rnd())), t = 2 * Math.PI * rnd();
    out[i] = Math.max(0, Math.min(255, img.data[i]! + s.noiseSd * r * Math.cos(t)));
    if (i + 1 < img.data.length) out[i + 1] = Math.max(0, Math.min(255, img.data[i + 1]! + s.noiseSd * r * Math.sin(t)));
  }
  return { ...img, data: out };
}

async function viaSharp(img: Raw, op: (s: Sharp) => Sharp): Promise<Raw> {
  const { data, info } = await op(sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } }))
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

export interface DegradedImage {
  bytes: Buffer;
  /** File extension of `bytes`. */
  ext: 'png' | 'jpg';
  width: number;
  height: number;
  /** MRZ character pitch in the degraded image, pixels. */
  pitchPx: number;
}

export async function degradeDocument(doc: RenderedDocument, level: DegradationLevel, kind: DegradationKind | null, rnd: Rnd): Promise<DegradedImage> {
  let img = await rgbOf(doc);
  const s = level === 'none' ? null : STRENGTH[level];
  const has = (k: DegradationKind) => s !== null && (kind === k || kind === 'combined');
  // The order a capture applies them: geometry and light in the scene, then optics, then the
  // sensor's resolution and noise, then the encoder.
  // The MRZ character pitch in the image as it is now: blur and resolution are set in pitches,
  // so a document the perspective step shrank is not also blurred and downscaled harder.
  let pitchPx = doc.pitchPx;
  if (has('perspective')) {
    const p = perspective(img, s!, rnd);
    img = p.img;
    pitchPx *= p.scale;
  }
  if (has('light')) img = unevenLight(img, s!, rnd);
  if (has('blur')) {
    const sigma = Math.max(0.3, s!.blurPitch * pitchPx * between(rnd, 0.8, 1.2));
    img = await viaSharp(img, (x) => x.blur(sigma));
  }
  if (has('lowres')) {
    const scale = Math.min(1, (s!.lowresPitchPx * between(rnd, 0.9, 1.1)) / pitchPx);
    img = await viaSharp(img, (x) => x.resize(Math.round(img.width * scale), Math.round(img.height * scale), { kernel: 'linear' }));
    pitchPx *= scale;
  }
  if (has('noise')) img = addNoise(img, s!, rnd);
  const encoder = sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } });
  const jpeg = has('jpeg');
  const bytes = jpeg ? await encoder.jpeg({ quality: Math.round(s!.jpegQuality * between(rnd, 0.8, 1.2)) }).toBuffer() : await encoder.png({ compressionLevel: 1 }).toBuffer();
  return { bytes, ext: jpeg ? 'jpg' : 'png', width: img.width, height: img.height, pitchPx };
}

/** RGBA from the canvas to RGB, which every step below works on (the canvas is opaque). */
async function rgbOf(doc: RenderedDocument): Promise<Raw> {
  const { data, info } = await sharp(doc.rgba, { raw: { width: doc.width, height: doc.height, channels: 4 } })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}
