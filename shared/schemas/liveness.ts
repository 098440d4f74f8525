import { z } from 'zod';

/** The kycService challenge vocabulary. */
export const LIVENESS_ACTIONS = ['blink', 'smile', 'turn_left', 'turn_right', 'nod', 'open_mouth'] as const;
export const livenessActionSchema = z.enum(LIVENESS_ACTIONS);

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
    })
    .nullable(),
});
export type LivenessSession = z.infer<typeof livenessSessionSchema>;
