import { ALIGNED_SIDE } from './alignFace';
import { loadLocalGraph } from './loadLocalGraph';
import { tf } from './faceRuntime';

/**
 * MobileFace (Human's `mobileface` graph, an insightface MobileFaceNet export): a 256-d
 * embedding of an aligned 112x112 RGB face crop. The graph takes 0-255 values and normalises
 * them itself. Loaded once per process from the engine's model folder.
 */
let loading: Promise<tf.GraphModel> | null = null;

export function loadMobileFace(modelDir: string): Promise<tf.GraphModel> {
  loading ??= loadLocalGraph(modelDir, 'mobileface').catch((e: unknown) => {
    loading = null;
    throw e;
  });
  return loading;
}

/** The embedding of an aligned crop (alignFace's output). */
export async function mobileFaceEmbedding(crop: Float32Array): Promise<Float32Array> {
  if (!loading) throw new Error('face engine: MobileFace not loaded');
  const model = await loading;
  const out = tf.tidy(() => model.execute(tf.tensor4d(crop, [1, ALIGNED_SIDE, ALIGNED_SIDE, 3])) as tf.Tensor);
  try {
    return new Float32Array(await out.data());
  } finally {
    out.dispose();
  }
}

