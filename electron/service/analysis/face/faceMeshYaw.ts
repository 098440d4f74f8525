import { lazyLocalGraph } from './loadLocalGraph';
import { tf } from './faceRuntime';

/**
 * Head yaw in degrees from MediaPipe's face mesh (Human's `facemesh` graph: 468 points with depth,
 * 192x192 input). Liveness reads head turns from it. The 68 landmarks only give the nose's 2-D
 * offset from the eyes. A head tilted sideways or a talking mouth moves that offset as much as a
 * real turn does: a talking clip with a head tilt read as a turn. The mesh gives each point a depth,
 * so the angle of the line between the outer eye corners out of the image plane is the head's yaw,
 * whatever its roll. Loaded on first use: only clips ask for it.
 */

const INPUT = 192;
/** The crop around the 68 landmarks' box, as a multiple of its longer side: the mesh expects the whole face with a margin. */
const CROP_SCALE = 1.5;
/** Below this the mesh says the crop holds no face, and its points mean nothing. */
const MIN_FACE_FLAG = 0.5;
/** Outer eye corners in the mesh: the subject's right (image left) and left (image right). */
const RIGHT_EYE_OUTER = 33;
const LEFT_EYE_OUTER = 263;

/** The graph's outputs read here (its signature's output_faceflag and output_mesh); the contours output is left uncomputed. */
const OUTPUTS = ['Identity_1:0', 'Identity_2:0'];

const graph = lazyLocalGraph('facemesh');

/** Where the graph is read from when first needed (the engine's model folder). */
export const useFaceMeshFrom = (dir: string): void => graph.useFrom(dir);

/**
 * The yaw of the face whose 68 landmarks are given, in degrees: positive when the subject turns to
 * their own left (their left eye moves away from the camera; for an unmirrored camera the nose moves
 * to the image's right). Null when the mesh finds no face in the crop.
 */
export async function faceMeshYaw(img: { data: Uint8Array; width: number; height: number }, landmarks: readonly { x: number; y: number }[]): Promise<number | null> {
  const model = await graph.get();
  const xs = landmarks.map((p) => p.x), ys = landmarks.map((p) => p.y);
  const side = CROP_SCALE * Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
  if (!(side > 0)) return null;
  const x0 = (Math.min(...xs) + Math.max(...xs) - side) / 2, y0 = (Math.min(...ys) + Math.max(...ys) - side) / 2;
  const box = [y0 / img.height, x0 / img.width, (y0 + side) / img.height, (x0 + side) / img.width];
  const outputs = tf.tidy(() => {
    const whole = tf.tensor4d(img.data, [1, img.height, img.width, 3], 'int32').toFloat();
    const crop = tf.div(tf.image.cropAndResize(whole, [box], [0], [INPUT, INPUT]), 255);
    return model.execute(crop, OUTPUTS) as tf.Tensor[];
  });
  try {
    const [flagData, mesh] = await Promise.all(outputs.map((t) => t.data()));
    if (flagData?.length !== 1 || mesh?.length !== 468 * 3) throw new Error(`face engine: the face mesh graph gave outputs of ${outputs.map((t) => t.size).join(', ')} values, expected 1 and ${468 * 3}`);
    if (!(flagData[0]! >= MIN_FACE_FLAG)) return null;
    const at = (i: number, k: number) => mesh[3 * i + k]!;
    const dx = at(LEFT_EYE_OUTER, 0) - at(RIGHT_EYE_OUTER, 0);
    const dy = at(LEFT_EYE_OUTER, 1) - at(RIGHT_EYE_OUTER, 1);
    const dz = at(LEFT_EYE_OUTER, 2) - at(RIGHT_EYE_OUTER, 2);
    return (Math.atan2(dz, Math.hypot(dx, dy)) * 180) / Math.PI;
  } finally {
    for (const t of outputs) t.dispose();
  }
}
