/**
 * Face alignment for MobileFace: the face's five points (eye centres, nose tip, mouth corners,
 * taken from face-api's 68 iBUG landmarks) are mapped by the least-squares similarity transform
 * (Umeyama: rotation, uniform scale, translation) onto the 112x112 template MobileFace was
 * trained on (insightface's), and the crop is sampled bilinearly from the RGB image.
 */

export interface Point {
  x: number;
  y: number;
}

/** Side of the aligned crop MobileFace takes. */
export const ALIGNED_SIDE = 112;

/** insightface's five reference points in the 112x112 crop: image-left eye, image-right eye, nose tip, mouth corners. */
export const ALIGNMENT_TEMPLATE: readonly Point[] = [
  { x: 38.2946, y: 51.6963 },
  { x: 73.5318, y: 51.5014 },
  { x: 56.0252, y: 71.7366 },
  { x: 41.5493, y: 92.3655 },
  { x: 70.7299, y: 92.2041 },
];

/** x' = a x - b y + tx, y' = b x + a y + ty. */
export interface SimilarityTransform {
  a: number;
  b: number;
  tx: number;
  ty: number;
}

/** The template's five points read from the 68 landmarks (iBUG numbering: eyes 36-41 and 42-47, nose tip 30, mouth corners 48 and 54). */
export function fivePoints(landmarks: readonly Point[]): Point[] {
  if (landmarks.length !== 68) throw new Error(`alignment needs the 68 landmarks, got ${landmarks.length}`);
  const mean = (from: number, to: number): Point => {
    let x = 0, y = 0;
    for (let i = from; i <= to; i++) {
      x += landmarks[i]!.x;
      y += landmarks[i]!.y;
    }
    return { x: x / (to - from + 1), y: y / (to - from + 1) };
  };
  return [mean(36, 41), mean(42, 47), landmarks[30]!, landmarks[48]!, landmarks[54]!];
}

/** The similarity transform taking `src` onto `dst` with the least squared error. */
export function similarityTransform(src: readonly Point[], dst: readonly Point[]): SimilarityTransform {
  const n = src.length;
  const centre = (ps: readonly Point[]) => ps.reduce((c, p) => ({ x: c.x + p.x / n, y: c.y + p.y / n }), { x: 0, y: 0 });
  const s = centre(src), d = centre(dst);
  let num_a = 0, num_b = 0, den = 0;
  for (let i = 0; i < n; i++) {
    const x = src[i]!.x - s.x, y = src[i]!.y - s.y, u = dst[i]!.x - d.x, v = dst[i]!.y - d.y;
    num_a += x * u + y * v;
    num_b += x * v - y * u;
    den += x * x + y * y;
  }
  if (den === 0) throw new Error('alignment points coincide');
  const a = num_a / den, b = num_b / den;
  return { a, b, tx: d.x - (a * s.x - b * s.y), ty: d.y - (b * s.x + a * s.y) };
}

/**
 * The aligned 112x112 RGB crop, values 0-255 as floats, row-major HWC: each crop pixel is read
 * through the inverse transform with bilinear interpolation, the image's edge repeated outside it.
 */
export function alignFace(img: { data: Uint8Array; width: number; height: number }, landmarks: readonly Point[]): Float32Array {
  const { a, b, tx, ty } = similarityTransform(fivePoints(landmarks), ALIGNMENT_TEMPLATE);
  const det = a * a + b * b;
  const out = new Float32Array(ALIGNED_SIDE * ALIGNED_SIDE * 3);
  const maxX = img.width - 1, maxY = img.height - 1;
  const clampX = (x: number) => (x < 0 ? 0 : x > maxX ? maxX : x);
  const clampY = (y: number) => (y < 0 ? 0 : y > maxY ? maxY : y);
  for (let v = 0; v < ALIGNED_SIDE; v++)
    for (let u = 0; u < ALIGNED_SIDE; u++) {
      const px = u - tx, py = v - ty;
      const x = (a * px + b * py) / det, y = (-b * px + a * py) / det;
      const x0 = Math.floor(x), y0 = Math.floor(y), fx = x - x0, fy = y - y0;
      const c00 = (clampY(y0) * img.width + clampX(x0)) * 3, c10 = (clampY(y0) * img.width + clampX(x0 + 1)) * 3;
      const c01 = (clampY(y0 + 1) * img.width + clampX(x0)) * 3, c11 = (clampY(y0 + 1) * img.width + clampX(x0 + 1)) * 3;
      const o = (v * ALIGNED_SIDE + u) * 3;
      for (let c = 0; c < 3; c++) {
        out[o + c] = (1 - fy) * ((1 - fx) * img.data[c00 + c]! + fx * img.data[c10 + c]!) + fy * ((1 - fx) * img.data[c01 + c]! + fx * img.data[c11 + c]!);
      }
    }
  return out;
}
