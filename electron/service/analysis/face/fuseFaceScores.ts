import type { FaceScoreNormalization } from '../../../../shared/faceCalibration';
import { FACE_CALIBRATION } from '../../../../shared/shippedFaceCalibration';
import type { FaceScoreComponents } from '../../../../shared/schemas/analysis';
import { descriptorSimilarity } from '../descriptorSimilarity';
import { cosineSimilarity } from './cosineSimilarity';

/**
 * The face score (issue 12): face-api's similarity and MobileFace's cosine, each standardised by
 * the mean and standard deviation of its impostor scores (how far above a typical stranger the
 * pair is), added with equal weights (fixed before any measurement), and read back onto face-api's
 * similarity scale: mean + sd x (z_faceApi + z_mobileFace) / 2. The last step changes no
 * decision (it is increasing), but keeps the score in [0,1] with the meaning the policy, Didit's
 * 0-100 decline threshold and stored analyses already give it: a pair both models find as
 * typical as face-api alone did scores what face-api alone scored.
 */

/** What a pair's score is computed from: face-api's 128-d descriptor and MobileFace's 256-d embedding of the same face. */
export interface FaceDescription {
  descriptor: Float32Array;
  mobileFace: Float32Array;
}

export function faceScoreComponents(a: FaceDescription, b: FaceDescription): FaceScoreComponents {
  return { faceApi: descriptorSimilarity(a.descriptor, b.descriptor), mobileFace: cosineSimilarity(a.mobileFace, b.mobileFace) };
}

export function fuseFaceScores(c: FaceScoreComponents, n: FaceScoreNormalization): number {
  const z = (c.faceApi - n.faceApi.mean) / n.faceApi.sd + (c.mobileFace - n.mobileFace.mean) / n.mobileFace.sd;
  return Math.min(1, Math.max(0, n.faceApi.mean + (n.faceApi.sd * z) / 2));
}

/**
 * MobileFace's cosine alone, read onto the same scale (mean + sd x z_mobileFace): for two stored
 * faces whose face-api descriptors were made under different description versions and do not
 * compare. A typical stranger lands where one does on the fused scale, but one model's z spreads
 * wider than the average of two, so more strangers reach the threshold: such a match is a lead for
 * an officer, never a decline (CaseFlag.singleModel).
 */
export function mobileFaceOnlyScore(cosine: number, n: FaceScoreNormalization): number {
  return Math.min(1, Math.max(0, n.faceApi.mean + (n.faceApi.sd * (cosine - n.mobileFace.mean)) / n.mobileFace.sd));
}

/** The fused score of two faces with the shipped calibration's normalisation, and what it was fused from. Pure: no model is loaded. */
export function faceScore(a: FaceDescription, b: FaceDescription): { score: number; components: FaceScoreComponents } {
  const components = faceScoreComponents(a, b);
  return { score: fuseFaceScores(components, FACE_CALIBRATION.normalization), components };
}

/** The impostor mean and (population) standard deviation of each component, from impostor pairs only. */
export function fitFaceScoreNormalization(impostors: readonly FaceScoreComponents[]): FaceScoreNormalization {
  if (impostors.length < 2) throw new Error('the face score normalisation needs at least two impostor pairs');
  const stats = (xs: number[]) => {
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
    if (!(sd > 0)) throw new Error('impostor scores without spread');
    return { mean, sd };
  };
  return { faceApi: stats(impostors.map((c) => c.faceApi)), mobileFace: stats(impostors.map((c) => c.mobileFace)) };
}
