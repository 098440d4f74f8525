import { z } from 'zod';
import { rate, type Rate } from './errorRate';

/**
 * The face threshold policy (issue 12): the shipped match threshold is the lowest one at which
 * the face engine accepts at most one impostor in a thousand (FMR <= 0.1%) over every pair of
 * different people the labelled photos allow, and every face score shown to an officer or an
 * auditor comes with the error rates measured at its threshold.
 *
 * `faceCalibration.json` (read by shippedFaceCalibration.ts) holds the measurement: the impostor
 * mean and standard deviation of each of the two models the face score is fused from (the
 * engine standardises with them), the fused score of every genuine and every impostor pair of
 * the public fixtures, and the cross-validated figures. It is written by
 * `npm run calibrate -- --write` (reproducible from the repo) and ships with the app: no
 * person, file name or image is in it, only scores.
 */

/** The face-match error rate the shipped threshold is chosen for: one impostor in a thousand. */
export const FACE_FMR_TARGET = 0.001;

const impostorStatsSchema = z.object({ mean: z.number(), sd: z.number().positive() });
/** Per model, the mean and standard deviation of its impostor scores: what fuseFaceScores standardises by. */
export const faceScoreNormalizationSchema = z.object({ faceApi: impostorStatsSchema, mobileFace: impostorStatsSchema });
export type FaceScoreNormalization = z.infer<typeof faceScoreNormalizationSchema>;

const errorCountSchema = z.object({ errors: z.number().int().min(0), trials: z.number().int().min(0) });

export const faceCalibrationSchema = z.object({
  fmrTarget: z.number().min(0).max(1),
  engine: z.string().min(1),
  /** What was measured: the photo set, its people and pairs. */
  dataset: z.object({ name: z.string(), photos: z.number().int(), persons: z.number().int() }),
  /** Fitted on every impostor pair with a face on both sides; the shipped engine fuses with it. */
  normalization: faceScoreNormalizationSchema,
  /** Fused scores of same-person pairs in which both faces were found, ascending. */
  genuine: z.array(z.number()),
  /** Fused scores of different-person pairs in which both faces were found, ascending. */
  impostor: z.array(z.number()),
  /** Pairs with no face found on a side: always rejected, so a genuine one is a non-match at any threshold. */
  genuineNoFace: z.number().int().min(0),
  impostorNoFace: z.number().int().min(0),
  /** The lowest threshold (step 0.001) with FMR <= fmrTarget over every impostor pair, in-sample. */
  thresholdAtTarget: z.number().min(0).max(1),
  /** Normalisation and threshold fitted on k-1 folds of people, scored on the held-out fold: the figures to publish. */
  crossValidated: z.object({ folds: z.number().int(), thresholds: z.array(z.number()), fmr: errorCountSchema, fnmr: errorCountSchema }),
});
export type FaceCalibration = z.infer<typeof faceCalibrationSchema>;

/** The threshold choice rounded up to the next 0.01: the policy is stated to two decimals, and rounding up never raises the FMR. */
export function calibratedThreshold(c: FaceCalibration): number {
  return Math.ceil(Math.round(c.thresholdAtTarget * 1000) / 10) / 100;
}

export interface FaceOperatingPoint {
  threshold: number;
  /** Impostor pairs accepted at this threshold. */
  fmr: Rate;
  /** Genuine pairs rejected at this threshold (no face found counts as rejected). */
  fnmr: Rate;
  fmrTarget: number;
  /** The measured FMR is within the target. */
  meetsTarget: boolean;
  /** The threshold the calibration recommends for the target. */
  calibratedThreshold: number;
  dataset: FaceCalibration['dataset'];
}

/** A pair is accepted when its fused score is at or above the threshold, as the engine decides. */
export function faceOperatingPoint(threshold: number, c: FaceCalibration): FaceOperatingPoint {
  const accepted = (scores: readonly number[]) => scores.filter((s) => s >= threshold).length;
  const impostorTrials = c.impostor.length + c.impostorNoFace;
  const genuineTrials = c.genuine.length + c.genuineNoFace;
  const fmr = rate(accepted(c.impostor), impostorTrials);
  const fnmr = rate(genuineTrials - accepted(c.genuine), genuineTrials);
  return { threshold, fmr, fnmr, fmrTarget: c.fmrTarget, meetsTarget: fmr.rate !== null && fmr.rate <= c.fmrTarget, calibratedThreshold: calibratedThreshold(c), dataset: c.dataset };
}
