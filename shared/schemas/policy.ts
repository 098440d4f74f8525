import { z } from 'zod';

/**
 * A verification policy, like a Didit workflow: which checks run, their thresholds, and how
 * results become a recommendation. Versioned: every analysis stores the version it used.
 */
export const policyBodySchema = z.object({
  checks: z.object({
    quality: z.boolean(),
    mrz: z.boolean(),
    crossChecks: z.boolean(),
    faceMatch: z.boolean(),
    presentationAttack: z.boolean(),
    liveness: z.boolean(),
  }),
  quality: z.object({
    /** Shorter side of the capture, in pixels. */
    minShortSidePx: z.number().int().min(1),
    /** Crété-Roffet blur, 0 (sharp) to 1 (blurred). */
    maxBlur: z.number().min(0).max(1),
    /** Share of the frame under glare hotspots. */
    maxGlare: z.number().min(0).max(1),
    /** 95th luminance percentile: below this the capture is too dark. */
    minLumaP95: z.number().min(0).max(255),
    /** 5th luminance percentile: above this the capture is washed out. */
    maxLumaP5: z.number().min(0).max(255),
    /** Share of the frame the document must cover. */
    minDocumentFill: z.number().min(0).max(1),
  }),
  faceMatch: z.object({
    /** Similarity at or above which document and selfie are the same person. */
    matchThreshold: z.number().min(0).max(1),
    /** Below this the engine recommends DECLINE rather than review. */
    declineBelow: z.number().min(0).max(1),
  }),
  presentationAttack: z.object({ threshold: z.number().min(0).max(1) }),
  liveness: z.object({
    actionsPerSession: z.number().int().min(1).max(6),
    sessionMinutes: z.number().int().min(1).max(60),
    minActionsPassed: z.number().int().min(1).max(6),
  }),
  /** Resubmissions allowed before a RETRY reason becomes final. */
  maxRetries: z.number().int().min(0).max(10),
  /** When false, even a clean case waits for an officer. */
  autoApprove: z.boolean(),
  /** Years after a case closes before its personal data is purged (FATF R.11: 5). */
  retentionYears: z.number().int().min(1).max(30),
  /** Which approve/reject decisions wait for a different senior officer to confirm them. */
  fourEyes: z
    .object({
      /** The engine recommended DECLINE. */
      onEngineDecline: z.boolean(),
      /** The case's risk is HIGH. */
      onHighRisk: z.boolean(),
      /** The officer decided against the engine (approved a DECLINE, rejected an AUTO_APPROVE). */
      onOverride: z.boolean(),
      /** Every rejection, whatever the engine said. */
      onReject: z.boolean().default(false),
    })
    .default({ onEngineDecline: true, onHighRisk: true, onOverride: true, onReject: false }),
});
export type PolicyBody = z.infer<typeof policyBodySchema>;

export const policySchema = z.object({
  version: z.number().int(),
  body: policyBodySchema,
  createdAt: z.string(),
  createdBy: z.string(),
  note: z.string(),
});
export type Policy = z.infer<typeof policySchema>;
