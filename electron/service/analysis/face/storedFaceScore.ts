import type { StoredFace } from '../../repositories/ScreeningRepository';
import { descriptorSimilarity } from '../descriptorSimilarity';
import { faceScore } from './fuseFaceScores';

/** A screening comparison: the score, and whether it is the fused one the policy's threshold was set for. */
export interface StoredFaceScore {
  score: number;
  fused: boolean;
}

/**
 * Two stored selfie faces compared for duplicate and blocklist screening, on the scale of the
 * policy's face threshold: the fused score (fuseFaceScores.ts) when both carry a MobileFace
 * embedding. A face stored before migration 31 has none; such a pair is read by face-api alone,
 * which accepts more strangers at the fused threshold, so it errs towards a flag an officer
 * clears rather than a duplicate missed. Pure: runs on the service thread without a model.
 */
export function storedFaceScore(a: StoredFace, b: StoredFace): StoredFaceScore {
  if (a.mobileFace && b.mobileFace && a.mobileFace.length === b.mobileFace.length) {
    return { score: faceScore({ descriptor: a.descriptor, mobileFace: a.mobileFace }, { descriptor: b.descriptor, mobileFace: b.mobileFace }).score, fused: true };
  }
  return { score: descriptorSimilarity(a.descriptor, b.descriptor), fused: false };
}
