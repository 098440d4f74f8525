import { faceapi, tf } from './faceRuntime';

/**
 * face-api's 128-d descriptor of one face: its network reads the face cropped to the box of its
 * 68 landmarks (20% margin; face-api's `landmarks.align()`) and the mirror image of that crop,
 * and the two descriptors are averaged ("flip test", standard practice when scoring face
 * embeddings: a face is nearly symmetric, so what differs between the two readings is what the
 * network picks up from one side's light, hair or a turned cheek, and the average keeps less).
 *
 * Until face description version 2 (shared/faceDescriptionVersion.ts) the descriptor was face-api's own
 * pipeline's: a square crop around the eyes and mouth (its `useDlibAlignment`), read once. Both
 * changes were measured on the public faces (2026-12-05, every pair identities.json allows,
 * fused score, cross-validated by person over 10 fold seeds): impostors accepted 64 -> 25 of
 * 18,800 and genuine pairs rejected 103 -> 44 of 1,360. Mirroring MobileFace's crop as well was
 * measured and not adopted: it rejected fewer genuine pairs (10) but accepted twice the impostors
 * (51), and the false-match rate is the one that matters most.
 */
export function faceApiDescriptor(input: faceapi.TNetInput, landmarks: faceapi.FaceLandmarks68): Promise<Float32Array> {
  return describeCrop(input, landmarks.align(), true);
}

/**
 * The descriptor as face description version 1 stored it, read only to recognise a stored
 * version-1 face in its selfie before describing it anew (screening/faceBackfillJob.ts):
 * face-api's pipeline cropped around the eyes and mouth, BlazeFace's fallback to the landmarks'
 * box; neither mirrored.
 */
export function version1Descriptor(input: faceapi.TNetInput, landmarks: faceapi.FaceLandmarks68, found: 'face-api' | 'blazeface'): Promise<Float32Array> {
  return describeCrop(input, found === 'face-api' ? landmarks.align(null, { useDlibAlignment: true }) : landmarks.align(), false);
}

/** face-api's descriptor of the face cropped to `box`, averaged with its mirror image's when asked. */
async function describeCrop(input: faceapi.TNetInput, box: faceapi.Box, mirror: boolean): Promise<Float32Array> {
  const [aligned] = await faceapi.extractFaceTensors(input, [box]);
  if (!aligned) throw new Error('face engine: the face could not be cropped for its descriptor');
  // face-api's crops are Tensor3D [height, width, channels]: axis 1 mirrors left and right.
  const mirrored = mirror ? tf.reverse(aligned as unknown as tf.Tensor3D, 1) : null;
  try {
    const net = faceapi.nets.faceRecognitionNet;
    const a = (await net.computeFaceDescriptor(aligned)) as Float32Array;
    if (!mirrored) return a;
    const b = (await net.computeFaceDescriptor(mirrored as unknown as faceapi.TNetInput)) as Float32Array;
    return a.map((v, i) => (v + b[i]!) / 2);
  } finally {
    aligned.dispose();
    mirrored?.dispose();
  }
}
