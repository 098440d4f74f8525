import type { Migration } from './Migration';
import { moveShippedFaceThreshold } from './systemPolicyVersion';

/**
 * The face match threshold shipped before and from this version, written out rather than read from
 * the calibration so this migration keeps meaning what it meant when it shipped. Face description
 * version 2 (migration 33) moved the fused score; calibrated for FMR <= 0.1 % as before
 * (`npm run calibrate`), its threshold is 0.51 where version 1's was 0.52.
 */
const OLD_SHIPPED = 0.52;
const NEW_SHIPPED = 0.51;

export const migration0034: Migration = {
  version: 34,
  name: 'face_threshold_v2',
  up(db) {
    // As migration 29: stored versions are never changed; when the current policy still holds the
    // shipped threshold, a new version takes the new one. An administrator's own threshold stays.
    moveShippedFaceThreshold(db, OLD_SHIPPED, NEW_SHIPPED, `face match threshold of this release (${OLD_SHIPPED} -> ${NEW_SHIPPED}): face description version 2, calibrated for FMR <= 0.1 %`);
  },
};
