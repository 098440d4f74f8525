import { FACE_CALIBRATION } from '../../../../shared/shippedFaceCalibration';
import type { FaceScoreNormalization } from '../../../../shared/faceCalibration';
import { FACE_DESCRIPTION_VERSION } from '../../../../shared/faceDescriptionVersion';
import type { StoredFace } from '../../repositories/ScreeningRepository';
import { descriptorSimilarity } from '../descriptorSimilarity';
import { cosineSimilarity } from './cosineSimilarity';
import { faceScoreComponents, fuseFaceScores, mobileFaceOnlyScore } from './fuseFaceScores';

/**
 * What a screening comparison was read by: the fused score the policy's threshold was set for
 * (`fused`, or `fused-v1`: the same fusion of two version-1 readings with version 1's calibration,
 * as screening read faces until version 2 shipped), or one model alone.
 */
export type FaceScoreBasis = 'fused' | 'fused-v1' | 'face-api' | 'mobileface';

export interface StoredFaceScore {
  score: number;
  basis: FaceScoreBasis;
}

/**
 * Face description version 1's impostor normalisation, as its calibration shipped it
 * (shared/faceCalibration.json before version 2), written out: version 1 no longer changes. Its
 * threshold for FMR <= 0.1 % was 0.52 on the same scale (in-sample FMR 1 of 1,880).
 */
const VERSION_1_NORMALIZATION: FaceScoreNormalization = {
  faceApi: { mean: 0.2912811505544369, sd: 0.07433010559648363 },
  mobileFace: { mean: 0.04832400633312009, sd: 0.12364745437284178 },
};

const embedded = (a: StoredFace, b: StoredFace) => !!a.mobileFace && !!b.mobileFace && a.mobileFace.length === b.mobileFace.length;
/** A face's version-1 descriptor: its own when stored under version 1, else the reading the case being screened carries. */
const version1Of = (f: StoredFace) => (f.version === 1 ? f.descriptor : f.version1Descriptor);

/**
 * Two stored selfie faces compared for duplicate and blocklist screening, on the scale of the
 * policy's face threshold. Pure: runs on the service thread without a model.
 * - Both described under the engine's version, with their embeddings: the fused score.
 * - Both readable as version 1 (a stored version-1 face, and the case being screened, whose
 *   selfie was also read as version 1 while such faces are stored), with their embeddings: the
 *   fused score as version 1 computed it.
 * - Otherwise, both with a MobileFace embedding (which no description version has changed):
 *   MobileFace alone (mobileFaceOnlyScore; it accepts far more strangers at the threshold).
 * - Otherwise, both readable as one version (faces stored before migration 31): face-api's
 *   similarity alone, which accepts more strangers at the fused threshold.
 * - Otherwise null: the two descriptors were made from different crops and do not compare; the
 *   background sweep (screening/faceBackfillJob.ts) describes the older face anew from its selfie.
 * A single-model reading errs towards a flag an officer clears rather than a duplicate missed.
 */
export function storedFaceScore(a: StoredFace, b: StoredFace): StoredFaceScore | null {
  const [a1, b1] = [version1Of(a), version1Of(b)];
  if (embedded(a, b)) {
    const [ma, mb] = [a.mobileFace!, b.mobileFace!];
    if (a.version === FACE_DESCRIPTION_VERSION && b.version === FACE_DESCRIPTION_VERSION) {
      return { score: fuseFaceScores(faceScoreComponents({ descriptor: a.descriptor, mobileFace: ma }, { descriptor: b.descriptor, mobileFace: mb }), FACE_CALIBRATION.normalization), basis: 'fused' };
    }
    if (a1 && b1) return { score: fuseFaceScores(faceScoreComponents({ descriptor: a1, mobileFace: ma }, { descriptor: b1, mobileFace: mb }), VERSION_1_NORMALIZATION), basis: 'fused-v1' };
    return { score: mobileFaceOnlyScore(cosineSimilarity(ma, mb), FACE_CALIBRATION.normalization), basis: 'mobileface' };
  }
  if (a.version === b.version) return { score: descriptorSimilarity(a.descriptor, b.descriptor), basis: 'face-api' };
  if (a1 && b1) return { score: descriptorSimilarity(a1, b1), basis: 'face-api' };
  return null;
}
