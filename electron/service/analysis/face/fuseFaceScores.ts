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
