import { FACE_CALIBRATION } from '../../../../shared/shippedFaceCalibration';
import type { StoredFace } from '../../repositories/ScreeningRepository';
import { descriptorSimilarity } from '../descriptorSimilarity';
import { cosineSimilarity } from './cosineSimilarity';
import { FACE_DESCRIPTION_VERSION } from '../../../../shared/faceDescriptionVersion';
import { faceScore, mobileFaceOnlyScore } from './fuseFaceScores';

/** What a screening comparison was read by: the fused score the policy's threshold was set for, or one model alone. */
export type FaceScoreBasis = 'fused' | 'face-api' | 'mobileface';

export interface StoredFaceScore {
  score: number;
  basis: FaceScoreBasis;
}

const embedded = (a: StoredFace, b: StoredFace) => !!a.mobileFace && !!b.mobileFace && a.mobileFace.length === b.mobileFace.length;

/**
 * Two stored selfie faces compared for duplicate and blocklist screening, on the scale of the
 * policy's face threshold. Pure: runs on the service thread without a model.
 * - Both described under the engine's version, with their embeddings: the fused score.
 * - Otherwise, both with a MobileFace embedding (which no description version has changed):
 *   MobileFace alone (mobileFaceOnlyScore).
 * - Otherwise, both described under one version (faces stored before migration 31): face-api's
 *   similarity alone, which accepts more strangers at the fused threshold.
 * - Otherwise null: the two descriptors were made from different crops and do not compare; the
 *   background sweep (screening/faceBackfillJob.ts) describes the older face anew from its selfie.
 * A single-model reading errs towards a flag an officer clears rather than a duplicate missed.
 */
export function storedFaceScore(a: StoredFace, b: StoredFace): StoredFaceScore | null {
  if (embedded(a, b) && a.version === FACE_DESCRIPTION_VERSION && b.version === FACE_DESCRIPTION_VERSION) {
    return { score: faceScore({ descriptor: a.descriptor, mobileFace: a.mobileFace! }, { descriptor: b.descriptor, mobileFace: b.mobileFace! }).score, basis: 'fused' };
  }
  if (embedded(a, b)) return { score: mobileFaceOnlyScore(cosineSimilarity(a.mobileFace!, b.mobileFace!), FACE_CALIBRATION.normalization), basis: 'mobileface' };
  if (a.version === b.version) return { score: descriptorSimilarity(a.descriptor, b.descriptor), basis: 'face-api' };
  return null;
}
