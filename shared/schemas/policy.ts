import { z } from 'zod';
import { DEFAULT_SCREENING_DECLINE, DEFAULT_SCREENING_THRESHOLD } from './sanctions';

/**
 * A face similarity (0-1) on Didit's 0-100 face-match score scale, rounded to hundredths so a
 * similarity of 0.3 is a score of exactly 30, not 30.000000000000004.
 */
export function faceMatchScore(similarity: number): number {
  return Math.round(similarity * 10_000) / 100;
}

/**
 * A verification policy, like a Didit workflow: which checks run, their thresholds, and how
 * results become a recommendation. Versioned: every analysis stores the version it used.
 */
export const policyBodySchema = z.object({
  /** The checks without a Didit knob; face match is switched by `is_face_match_enabled`. */
  checks: z.object({
    quality: z.boolean(),
    mrz: z.boolean(),
    crossChecks: z.boolean(),
    presentationAttack: z.boolean(),
    liveness: z.boolean(),
  }),
  quality: z
    .object({
      /** Shorter side of the capture, in pixels. */
      minShortSidePx: z.number().int().min(1),
      /**
       * Crété-Roffet blur, 0 (sharp) to 1 (blurred), of a selfie. A face photo reads blurrier than a
       * printed page at the same focus (soft skin, no print edges), so it has a limit of its own.
       */
      maxBlur: z.number().min(0).max(1),
      /**
       * The same blur measure for a document image. Policies written before it existed judged
       * documents by maxBlur and read so (the transform below).
       */
      maxDocumentBlur: z.number().min(0).max(1).optional(),
      /** Share of the frame under glare hotspots. */
      maxGlare: z.number().min(0).max(1),
      /**
       * Glare that fades a white page's print (shared/glareFade.ts), for documents. Policies written
       * before it existed had no such check and read so (the transform below: 1, which no image reaches).
       */
      maxGlareFade: z.number().min(0).max(1).optional(),
      /** 95th luminance percentile: below this the capture is too dark. */
      minLumaP95: z.number().min(0).max(255),
      /** 5th luminance percentile: above this the capture is washed out. */
      maxLumaP5: z.number().min(0).max(255),
      /** Share of the frame the document must cover. */
      minDocumentFill: z.number().min(0).max(1),
    })
    .transform(({ maxDocumentBlur, maxGlareFade, ...q }) => ({ ...q, maxDocumentBlur: maxDocumentBlur ?? q.maxBlur, maxGlareFade: maxGlareFade ?? 1 })),
  faceMatch: z.object({
    /** Fused face score (0-1, see fuseFaceScores.ts) at or above which document and selfie are the same person. */
    matchThreshold: z.number().min(0).max(1),
  }),
  presentationAttack: z.object({ threshold: z.number().min(0).max(1) }),
  liveness: z.object({
    actionsPerSession: z.number().int().min(1).max(6),
    sessionMinutes: z.number().int().min(1).max(60),
    minActionsPassed: z.number().int().min(1).max(6),
  }),
  // Didit's workflow knobs, under Didit's own names (seed 003, "推荐的KYC配置"), so a Didit
  // workflow body and our policy read the same. See README "Didit workflow knobs".
  /** Didit `is_face_match_enabled`: compare the selfie with the document portrait. */
  is_face_match_enabled: z.boolean(),
  /**
   * Didit `face_match_score_decline_threshold`, on Didit's 0-100 scale: a face-match score
   * (similarity x 100, see faceMatchScore) below it is declined outright; between it and the
   * match threshold the case goes to an officer.
   */
  face_match_score_decline_threshold: z.number().min(0).max(100),
  /**
   * Didit `max_retry_attempts`: how many times a customer may try again after a failed
   * verification. Each resubmission request and each liveness retry after a failure uses one
   * (electron/service/cases/retryAttempts.ts); the next is refused with CASE.0005.
   */
  max_retry_attempts: z.number().int().min(0).max(10),
  /**
   * Days without activity after which an application still waiting on the customer expires
   * (Didit: a session expires after 7 days by default). Ours, as the seed names no knob for it.
   */
  applicationExpiryDays: z.number().int().min(1).max(365),
  /**
   * Sanctions and PEP screening against the imported lists (Didit: is_aml_enabled,
   * aml_decline_threshold). Scores are 0-100: a hit at or above `reviewThreshold` sends the case
   * to an officer, one above `declineThreshold` (or one an officer confirmed) recommends DECLINE.
   * Policies written before screening existed read as screening off.
   */
  aml: z
    .object({
      enabled: z.boolean(),
      reviewThreshold: z.number().int().min(0).max(100),
      declineThreshold: z.number().int().min(0).max(100),
    })
    .refine((a) => a.reviewThreshold <= a.declineThreshold, { error: 'the review threshold must not be above the decline threshold', path: ['reviewThreshold'] })
    .default({ enabled: false, reviewThreshold: DEFAULT_SCREENING_THRESHOLD, declineThreshold: DEFAULT_SCREENING_DECLINE }),
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
})
  // A decline threshold above the match threshold would name as a decline a face we call a match.
  .refine((p) => p.face_match_score_decline_threshold <= faceMatchScore(p.faceMatch.matchThreshold), {
    // Read beside the editor's field and by API clients, who know the field by its Didit name.
    error: 'the decline threshold (0–100; face_match_score_decline_threshold) must not be above the match threshold × 100',
    path: ['face_match_score_decline_threshold'],
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

/** Every version of the policy, newest first: what `policy.versions` answers (there are few, and bodies are small). */
export const policyVersionsSchema = z.array(policySchema);

/** Version 1 of every store: the shipped policy, its author and note as stored (the UI words both). */
export const SHIPPED_POLICY_VERSION = { createdBy: 'system', note: 'default policy shipped with the workstation' } as const;
