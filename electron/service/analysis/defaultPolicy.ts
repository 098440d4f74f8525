import type { PolicyBody } from '../../../shared/schemas/policy';
import { DEFAULT_QUALITY_LIMITS } from '../../../shared/liveCaptureQuality';
import { CALIBRATED_FACE_THRESHOLD } from '../../../shared/shippedFaceCalibration';
import { DEFAULT_SCREENING_DECLINE, DEFAULT_SCREENING_THRESHOLD } from '../../../shared/schemas/sanctions';

/**
 * The policy a new store starts with. The face threshold comes from the calibration below; the
 * presentation-attack threshold is reproduced (report only) by `npm run calibrate`; the quality
 * limits were chosen on generated development seeds, and `npm run eval` refits them per fold only
 * to report a cross-validated figure. None is refitted on the data being evaluated (see README
 * "Verification engine").
 */
export const DEFAULT_POLICY: PolicyBody = {
  checks: { quality: true, mrz: true, crossChecks: true, presentationAttack: true, liveness: true },
  quality: DEFAULT_QUALITY_LIMITS,
  /*
   * The match threshold on the fused face score (fuseFaceScores.ts: face-api's and MobileFace's
   * similarities, each standardised by its impostor scores, on face-api's 0-1 scale). Set for an error rate, not between two clusters: the lowest threshold at which
   * at most one impostor in a thousand is accepted (FACE_FMR_TARGET) over every pair of
   * different people in the labelled photos, rounded up to 0.01. `npm run calibrate -- --write`
   * measures it into shared/faceCalibration.json; the measured FMR/FNMR at whatever threshold
   * a policy sets are shown beside each face score on the case page and in the case PDF.
   */
  faceMatch: { matchThreshold: CALIBRATED_FACE_THRESHOLD },
  presentationAttack: { threshold: 0.5 },
  liveness: { actionsPerSession: 3, sessionMinutes: 5, minActionsPassed: 3 },
  is_face_match_enabled: true,
  // Didit recommends 50, close to our match threshold: nearly every non-match would then be
  // declined with no officer in between. 30 keeps a review band for the uncertain scores from 30
  // up to the match threshold.
  face_match_score_decline_threshold: 30,
  max_retry_attempts: 3,
  applicationExpiryDays: 7,
  // Screening is on: with no list imported it finds nothing, and the first import takes effect.
  aml: { enabled: true, reviewThreshold: DEFAULT_SCREENING_THRESHOLD, declineThreshold: DEFAULT_SCREENING_DECLINE },
  autoApprove: true,
  retentionYears: 5,
  fourEyes: { onEngineDecline: true, onHighRisk: true, onOverride: true, onReject: false },
};
