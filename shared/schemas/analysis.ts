import { z } from 'zod';
import { engineTextSchema } from './engineText';

/** Verification results, as stored per case and shown to officers. Every check explains itself. */

export const CHECK_OUTCOMES = ['PASS', 'WARN', 'FAIL', 'NOT_RUN'] as const;
export const checkOutcomeSchema = z.enum(CHECK_OUTCOMES);
export type CheckOutcome = z.infer<typeof checkOutcomeSchema>;

export const QUALITY_REASONS = ['BLURRY', 'GLARE', 'LOW_RESOLUTION', 'TOO_DARK', 'OVEREXPOSED', 'DOCUMENT_TOO_SMALL', 'UNREADABLE_IMAGE'] as const;
export type QualityReason = (typeof QUALITY_REASONS)[number];

export const qualityMeasureSchema = z.object({
  name: z.enum(['resolution', 'sharpness', 'glare', 'glareFade', 'darkness', 'overexposure', 'fill']),
  value: z.number(),
  threshold: z.number(),
  /** Which side of the threshold passes. */
  passWhen: z.enum(['>=', '<=']),
  pass: z.boolean(),
  reason: z.enum(QUALITY_REASONS).nullable(),
});
export type QualityMeasure = z.infer<typeof qualityMeasureSchema>;

export const qualityResultSchema = z.object({
  width: z.number().int(),
  height: z.number().int(),
  measures: z.array(qualityMeasureSchema),
  acceptable: z.boolean(),
  reasons: z.array(z.enum(QUALITY_REASONS)),
});
export type QualityResult = z.infer<typeof qualityResultSchema>;

export const MRZ_FORMATS = ['TD1', 'TD2', 'TD3', 'MRVA', 'MRVB'] as const;

export const mrzFieldSchema = z.object({
  value: z.string(),
  source: z.enum(['MRZ', 'VIZ']),
  /** 0..1: OCR confidence, lowered for each repaired character. */
  confidence: z.number(),
  /** The check digit covering this field, when the format has one. */
  checkDigitValid: z.boolean().nullable(),
});

export const mrzResultSchema = z.object({
  format: z.enum(MRZ_FORMATS),
  lines: z.array(z.string()),
  fields: z.object({
    documentCode: mrzFieldSchema,
    issuingState: mrzFieldSchema,
    surname: mrzFieldSchema,
    givenNames: mrzFieldSchema,
    documentNumber: mrzFieldSchema,
    nationality: mrzFieldSchema,
    birthDate: mrzFieldSchema,
    sex: mrzFieldSchema,
    expiryDate: mrzFieldSchema,
    personalNumber: mrzFieldSchema.nullable(),
  }),
  checkDigits: z.array(z.object({ name: z.string(), valid: z.boolean() })),
  /** All check digits verify. */
  valid: z.boolean(),
  /** Characters changed by the check-digit repair (O→0 and so on). */
  corrections: z.number().int(),
  confidence: z.number(),
});
export type MrzResult = z.infer<typeof mrzResultSchema>;

/** The two similarities a face score is fused from (see fuseFaceScores.ts): face-api's (0-1) and MobileFace's cosine (-1-1). */
export const faceScoreComponentsSchema = z.object({ faceApi: z.number(), mobileFace: z.number() });
export type FaceScoreComponents = z.infer<typeof faceScoreComponentsSchema>;

export const faceMatchResultSchema = z.object({
  outcome: z.enum(['MATCH', 'NO_MATCH', 'NO_FACE_DOCUMENT', 'NO_FACE_SELFIE', 'MULTIPLE_FACES_SELFIE']),
  /** The fused face score (0-1), compared with the policy's faceMatch.matchThreshold. */
  similarity: z.number().nullable(),
  threshold: z.number(),
  /** What the score was fused from; absent in analyses made before the fusion (face-api's similarity alone). */
  components: faceScoreComponentsSchema.nullable().optional(),
  /** The face description version the score was computed with (shared/faceDescriptionVersion.ts); absent in analyses made before version 2. */
  descriptionVersion: z.number().int().min(1).optional(),
  /**
   * The policy's decline threshold on this score's 0-1 scale (its face_match_score_decline_threshold
   * is on Didit's 0-100): a score below it is declined outright. Absent in analyses stored before it was kept.
   */
  declineBelow: z.number().min(0).max(1).optional(),
});
export type FaceMatchResult = z.infer<typeof faceMatchResultSchema>;

export const presentationAttackResultSchema = z.object({
  score: z.number(),
  threshold: z.number(),
  attack: z.boolean(),
  signals: z.array(z.object({ name: z.string(), value: z.number() })),
});
export type PresentationAttackResult = z.infer<typeof presentationAttackResultSchema>;

export const CROSS_CHECK_CODES = [
  'NAME_MISMATCH',
  'BIRTH_DATE_MISMATCH',
  'DOCUMENT_NUMBER_MISMATCH',
  'NATIONALITY_MISMATCH',
  'DOCUMENT_EXPIRED',
  'UNDERAGE',
  'CHECK_DIGITS_FAILED',
  'DOCUMENT_TYPE_NOT_ACCEPTED',
  'NO_MRZ',
] as const;
export type CrossCheckCode = (typeof CROSS_CHECK_CODES)[number];

export const crossCheckSchema = z.object({
  code: z.enum(CROSS_CHECK_CODES),
  outcome: checkOutcomeSchema,
  /** What was compared, in words an officer can verify. */
  detail: z.string(),
  expected: z.string().nullable(),
  found: z.string().nullable(),
  /** `detail` and `expected` as words for the UI's language (absent on older results). */
  detailText: engineTextSchema.optional(),
  expectedText: engineTextSchema.optional(),
});
export type CrossCheck = z.infer<typeof crossCheckSchema>;

export const RECOMMENDATIONS = ['AUTO_APPROVE', 'MANUAL_REVIEW', 'DECLINE'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

/**
 * A reason in English (`message`, for the API, the PDF and the audit) and as words the UI
 * shows in the officer's language (`text`; absent on results stored before it existed).
 */
export const reasonSchema = z.object({ code: z.string(), message: z.string(), text: engineTextSchema.optional() });
export type Reason = z.infer<typeof reasonSchema>;

export const checkResultSchema = z.object({
  check: z.enum(['quality', 'mrz', 'crossChecks', 'faceMatch', 'presentationAttack', 'liveness']),
  outcome: checkOutcomeSchema,
  /** Short reasons, each with a code the taxonomy and the UI understand. */
  reasons: z.array(reasonSchema),
  ms: z.number().nullable(),
});
export type CheckResult = z.infer<typeof checkResultSchema>;

export const analysisResultSchema = z.object({
  policyVersion: z.number().int(),
  recommendation: z.enum(RECOMMENDATIONS),
  /** kycService submit semantics: 1 auto-approved, 2 manual review, 3 user-modified review. */
  submitResult: z.union([z.literal(1), z.literal(2), z.literal(3)]).nullable(),
  reasons: z.array(reasonSchema),
  checks: z.array(checkResultSchema),
  quality: z.record(z.string(), qualityResultSchema),
  mrz: mrzResultSchema.nullable(),
  crossChecks: z.array(crossCheckSchema),
  faceMatch: faceMatchResultSchema.nullable(),
  presentationAttack: presentationAttackResultSchema.nullable(),
  timings: z.record(z.string(), z.number()),
  completedAt: z.string(),
});
export type AnalysisResult = z.infer<typeof analysisResultSchema>;
