import { z } from 'zod';
import { engineTextSchema } from './engineText';
import { faceScoreComponentsSchema } from './analysis';

/** The kycService challenge vocabulary: every name a stored session may hold. */
export const LIVENESS_ACTIONS = ['blink', 'smile', 'turn_left', 'turn_right', 'nod', 'open_mouth'] as const;
export const livenessActionSchema = z.enum(LIVENESS_ACTIONS);

/**
 * The actions drawn for a new challenge: only those whose detector is evaluated on labelled
 * clips (blink, smile, a head turn). Nod and open mouth stay in the vocabulary for old sessions
 * but are not drawn until a labelled clip measures them.
 */
export const CHALLENGE_ACTIONS = ['blink', 'smile', 'turn_left', 'turn_right'] as const satisfies readonly (typeof LIVENESS_ACTIONS)[number][];

/**
 * The face in the session's clips against a reference photo (the selfie, or the document
 * portrait without one), at the policy's face match threshold. `similarity` is the lowest over
 * the clips of each clip's best frame, so every clip must show the reference's person; null when
 * no comparison could be made (`detail` says why).
 */
export const livenessFaceMatchSchema = z.object({
  reference: z.enum(['selfie', 'document']),
  /** The fused face score of the least alike clip (see fuseFaceScores.ts), at the policy's face threshold. */
  similarity: z.number().nullable(),
  threshold: z.number(),
  /** That clip's two component similarities; absent in sessions verified before the fusion. */
  components: faceScoreComponentsSchema.nullable().optional(),
  detail: z.string().nullable(),
  /** `detail` as words for the UI's language (absent on sessions verified before it existed). */
  detailText: engineTextSchema.nullable().optional(),
});
export type LivenessFaceMatch = z.infer<typeof livenessFaceMatchSchema>;

export const livenessActionResultSchema = z.object({
  action: livenessActionSchema,
  detected: z.boolean(),
  confidence: z.number(),
  /** What the measurement showed, in words an officer can check against the clip. */
  evidence: z.string(),
  frames: z.number().int(),
  facesFound: z.number().int(),
  /**
   * Small JPEG thumbnails spread over the action's clip (content hashes in the evidence store,
   * read with liveness.frame). Absent for sessions verified before key frames were kept.
   */
  keyFrames: z.array(z.string().regex(/^[0-9a-f]{64}$/)).optional(),
});

export const livenessSessionSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  actions: z.array(livenessActionSchema),
  /** EXPIRED is derived from the clock for a pending session past its expiry. */
  status: z.enum(['PENDING', 'PASSED', 'FAILED', 'EXPIRED']),
  createdAt: z.string(),
  expiresAt: z.string(),
  completedAt: z.string().nullable(),
  result: z
    .object({
      actions: z.array(livenessActionResultSchema),
      passedActions: z.number().int(),
      requiredActions: z.number().int(),
      confidence: z.number(),
      /** Absent for sessions verified before the clips' face was compared, or without a reference photo. */
      faceMatch: livenessFaceMatchSchema.nullable().optional(),
    })
    .nullable(),
});
export type LivenessSession = z.infer<typeof livenessSessionSchema>;
