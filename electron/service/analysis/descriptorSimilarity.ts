/**
 * Similarity of two 128-d face-api descriptors in [0,1]. face-api's own convention is the
 * Euclidean distance (same person below about 0.6); we map it linearly so that higher means
 * more alike and thresholds read naturally. The face engine uses this same function.
 */
export const DISTANCE_AT_ZERO = 1.2;

export function descriptorDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error('descriptors of different lengths');
  let s = 0;
  for (let i = 0; i < a.length; i++) s += ((a[i] as number) - (b[i] as number)) ** 2;
  return Math.sqrt(s);
}

export function descriptorSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return Math.max(0, 1 - descriptorDistance(a, b) / DISTANCE_AT_ZERO);
}
