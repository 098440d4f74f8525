import type { PolicyBody } from '../../../shared/schemas/policy';

/**
 * The policy a new store starts with. Thresholds were calibrated on the shared fixture set
 * (quality: 20 labelled captures, all classified right; see README "Verification engine") and
 * are fixed here, never refitted on the data being evaluated.
 */
export const DEFAULT_POLICY: PolicyBody = {
  checks: { quality: true, mrz: true, crossChecks: true, faceMatch: true, presentationAttack: true, liveness: true },
  quality: {
    minShortSidePx: 400,
    maxBlur: 0.45,
    maxGlare: 0.012,
    minLumaP95: 130,
    maxLumaP5: 200,
    minDocumentFill: 0.15,
  },
  faceMatch: { matchThreshold: 0.5, declineBelow: 0.3 },
  presentationAttack: { threshold: 0.5 },
  liveness: { actionsPerSession: 3, sessionMinutes: 5, minActionsPassed: 3 },
  maxRetries: 3,
  autoApprove: true,
  retentionYears: 5,
  fourEyes: { onEngineDecline: true, onHighRisk: true, onOverride: true, onReject: false },
};
