import { ALIGNED_SIDE } from './alignFace';
import { lazyLocalGraph } from './loadLocalGraph';
import { tf } from './faceRuntime';

/**
 * MobileFace (Human's `mobileface` graph, an insightface MobileFaceNet export): a 256-d
 * embedding of an aligned 112x112 RGB face crop. The graph takes 0-255 values and normalises
 * them itself. Loaded once per process from the engine's model folder.
 */
const graph = lazyLocalGraph('mobileface');

/** Loads the graph from `modelDir` now: every described face needs it, so the engine does not wait for the first. */
export function loadMobileFace(modelDir: string): Promise<tf.GraphModel> {
  graph.useFrom(modelDir);
  return graph.get();
}

/** The embedding of an aligned crop (alignFace's output). */
export async function mobileFaceEmbedding(crop: Float32Array): Promise<Float32Array> {
  const model = await graph.get();
  const out = tf.tidy(() => model.execute(tf.tensor4d(crop, [1, ALIGNED_SIDE, ALIGNED_SIDE, 3])) as tf.Tensor);
  try {
    return new Float32Array(await out.data());
  } finally {
    out.dispose();
  }
}
