import { lazyLocalGraph } from './loadLocalGraph';
import { tf } from './faceRuntime';

/**
 * BlazeFace (Human's `blazeface` graph, 256x256 input) as the face detector of last resort: it is
 * asked only when face-api's detectors found no face, also with a border around the frame. A
 * portrait cropped tight from an ID, seen at 150 px in grayscale, is one of those; BlazeFace
 * finds it when the frame is set in a border of its own edge pixels. face-api then reads the
 * landmarks and the descriptor inside the box it gives, so the face is described like any other.
 * Loaded on first use: most photos never need it.
 */

const INPUT = 256;
/** Below this confidence the best box is no face. */
export const BLAZEFACE_MIN_SCORE = 0.5;
/** The border of repeated edge pixels, as a share of the longer side: BlazeFace's anchors expect a face inside the frame. */
const EDGE_MARGIN = 0.25;

const graph = lazyLocalGraph('blazeface');

/** Where the graph is read from when first needed (the engine's model folder). */
export const useBlazeFaceFrom = (dir: string): void => graph.useFrom(dir);

/** The anchor centres, in input pixels, in the order of the graph's 896 outputs: 16x16 cells of 2, then 8x8 cells of 6. */
const ANCHORS: readonly (readonly [number, number])[] = (() => {
  const out: [number, number][] = [];
  for (const [stride, perCell] of [[16, 2], [32, 6]] as const)
    for (let y = 0; y < INPUT / stride; y++) for (let x = 0; x < INPUT / stride; x++) for (let k = 0; k < perCell; k++) out.push([stride * (x + 0.5), stride * (y + 0.5)]);
  return out;
})();

/** The frame centred in a square `side` wide, the outside filled with the nearest edge pixel. */
function edgePadSquare(img: { data: Uint8Array; width: number; height: number }): { data: Uint8Array; side: number; ox: number; oy: number } {
  const side = Math.round(Math.max(img.width, img.height) * (1 + 2 * EDGE_MARGIN));
  const ox = Math.round((side - img.width) / 2), oy = Math.round((side - img.height) / 2);
  const data = new Uint8Array(side * side * 3);
  for (let y = 0; y < side; y++) {
    const sy = Math.min(img.height - 1, Math.max(0, y - oy));
    for (let x = 0; x < side; x++) {
      const sx = Math.min(img.width - 1, Math.max(0, x - ox));
      const s = (sy * img.width + sx) * 3, d = (y * side + x) * 3;
      data[d] = img.data[s]!;
      data[d + 1] = img.data[s + 1]!;
      data[d + 2] = img.data[s + 2]!;
    }
  }
  return { data, side, ox, oy };
}

/** The square around BlazeFace's box handed to face-api's landmark network: a little wider than the box, as face-api's own detections are. */
const CROP_SCALE = 1.2;

/**
 * The most confident face, cut out square for face-api: `crop` (int32 RGB, the caller disposes
 * it) shows the region whose top-left corner is at `x`, `y` in the image's pixels, one crop pixel
 * per image pixel (the edge repeated where it reaches outside the image). Null when BlazeFace is
 * not at least BLAZEFACE_MIN_SCORE sure of any face.
 */
export async function blazeFaceCrop(img: { data: Uint8Array; width: number; height: number }): Promise<{ crop: tf.Tensor3D; x: number; y: number; score: number } | null> {
  const model = await graph.get();
  const padded = edgePadSquare(img);
  const rows = tf.tidy(() => {
    const x = tf.tensor4d(padded.data, [1, padded.side, padded.side, 3], 'int32').toFloat();
    const input = tf.sub(tf.div(tf.image.resizeBilinear(x, [INPUT, INPUT]), 127.5), 1);
    const out = model.execute(input) as tf.Tensor[];
    // Four outputs, as Human's blazeface.ts reads them: per anchor layer (512 anchors of stride 16,
    // 384 of stride 32) a score and 16 regressors; ordered by size they are scores 384, scores 512,
    // regressors 384, regressors 512. Joined here into one row [score, box 4, keypoints 12] per anchor.
    if (!Array.isArray(out) || out.length !== 4) throw new Error('BlazeFace: unexpected outputs');
    const [s384, s512, r384, r512] = [...out].sort((a, b) => a.size - b.size) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
    return tf.squeeze(tf.concat([tf.concat([s512, r512], 2), tf.concat([s384, r384], 2)], 1)).arraySync() as number[][];
  });
  let best = -1, logit = -Infinity;
  rows.forEach((r, i) => {
    if (r[0]! > logit) {
      logit = r[0]!;
      best = i;
    }
  });
  const score = 1 / (1 + Math.exp(-logit));
  if (best < 0 || score < BLAZEFACE_MIN_SCORE) return null;
  const r = rows[best]!, [ax, ay] = ANCHORS[best]!, k = padded.side / INPUT;
  // Centre and side in the padded square's pixels.
  const cx = (r[1]! + ax) * k, cy = (r[2]! + ay) * k, side = Math.max(r[3]!, r[4]!) * k * CROP_SCALE;
  const px = cx - side / 2, py = cy - side / 2, n = Math.max(1, Math.round(side));
  const crop = tf.tidy(() => {
    const whole = tf.tensor4d(padded.data, [1, padded.side, padded.side, 3], 'int32').toFloat();
    const box = [[py / padded.side, px / padded.side, (py + side) / padded.side, (px + side) / padded.side]];
    return tf.image.cropAndResize(whole, box, [0], [n, n]).squeeze([0]).round().toInt() as tf.Tensor3D;
  });
  return { crop, x: px - padded.ox, y: py - padded.oy, score };
}
