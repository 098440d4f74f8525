import type { Migration } from './Migration';
import { moveShippedFaceThreshold } from './systemPolicyVersion';

/**
 * The face match threshold shipped before and from this version, written out rather than read from
 * the calibration so this migration keeps meaning what it meant when it shipped. The face score
 * became the fusion of face-api's similarity and MobileFace's (fuseFaceScores.ts), still on
 * face-api's 0-1 scale; calibrated for FMR <= 0.1 % as before, its threshold is 0.52 where face-api's
 * alone was 0.59. Left at 0.59, the fused score would turn away 39 % of the labelled genuine pairs instead of 12.5 %.
 */
const OLD_SHIPPED = 0.59;
const NEW_SHIPPED = 0.52;

export const migration0029: Migration = {
  version: 29,
  name: 'fused_face_score',
  up(db) {
    // Stored versions are never changed (analyses name the version that produced them): when the
    // current policy still holds the shipped threshold, a new version takes the new one. A threshold
    // an administrator set is theirs and stays: it reads on the same scale, and the case page and
    // PDF show the error rates measured at it and say when it is below the calibrated one.
    moveShippedFaceThreshold(db, OLD_SHIPPED, NEW_SHIPPED, `face match threshold of this release (${OLD_SHIPPED} -> ${NEW_SHIPPED}): the face score fuses face-api and MobileFace, calibrated for FMR <= 0.1 %`);
  },
};
