import { z } from 'zod';
import { CASE_STATUSES } from '../caseStatus';

/** Why a case is (not yet) purgeable: null when it is due now. */
export const retentionBlockSchema = z.object({ code: z.string(), message: z.string() });

/** One closed case as the retention preview sees it. */
export const retentionCandidateSchema = z.object({
  caseId: z.string(),
  profileId: z.string(),
  status: z.enum(CASE_STATUSES),
  closedAt: z.string(),
  /** closedAt + the policy's retention years. */
  purgeableFrom: z.string(),
  evidenceFiles: z.number().int(),
  legalHold: z.object({ reason: z.string(), setAt: z.string(), setBy: z.string() }).nullable(),
  blockedBy: retentionBlockSchema.nullable(),
});
export type RetentionCandidate = z.infer<typeof retentionCandidateSchema>;

export const retentionPreviewSchema = z.object({
  asOf: z.string(),
  retentionYears: z.number().int(),
  policyVersion: z.number().int(),
  /** Cases closed before this instant are past retention. */
  cutoff: z.string(),
  due: z.array(retentionCandidateSchema),
});
export type RetentionPreview = z.infer<typeof retentionPreviewSchema>;

export const PURGE_BASES = ['RETENTION', 'ERASURE'] as const;

/** What a purge removed, counted per kind of record. */
export const purgeCountsSchema = z.object({
  profile: z.number().int(),
  evidenceRecords: z.number().int(),
  evidenceFilesDeleted: z.number().int(),
  /** Files also evidence of another case: their records went, the bytes stay for that case. */
  evidenceFilesShared: z.number().int(),
  decisions: z.number().int(),
  analysisResults: z.number().int(),
  jobs: z.number().int(),
  livenessSessions: z.number().int(),
  faceDescriptors: z.number().int(),
  screeningFlags: z.number().int(),
  blocklistEntries: z.number().int(),
  companyOwnerLinks: z.number().int(),
  /** Onboarding drafts, documents, acceptances and the application itself. */
  intakeRecords: z.number().int(),
  auditPayloads: z.number().int(),
});
export type PurgeCounts = z.infer<typeof purgeCountsSchema>;

export const tombstoneSchema = z.object({
  caseId: z.string(),
  profileId: z.string(),
  basis: z.enum(PURGE_BASES),
  erasureRequestId: z.string().nullable(),
  closedAt: z.string().nullable(),
  purgedAt: z.string(),
  purgedBy: z.string().nullable(),
  counts: purgeCountsSchema,
  /** SHA-256 over the canonical JSON of every removed row: proves what was removed without keeping it. */
  removedDigest: z.string(),
  auditSeq: z.number().int(),
});
export type Tombstone = z.infer<typeof tombstoneSchema>;

export const purgeOutcomeSchema = z.object({
  purged: z.array(tombstoneSchema),
  skipped: z.array(z.object({ caseId: z.string(), code: z.string(), message: z.string() })),
});
export type PurgeOutcome = z.infer<typeof purgeOutcomeSchema>;

export const legalHoldSchema = z.object({
  caseId: z.string(),
  reason: z.string(),
  setBy: z.string(),
  setByName: z.string(),
  setAt: z.string(),
});
export type LegalHold = z.infer<typeof legalHoldSchema>;

export const ERASURE_STATUSES = ['PENDING', 'EXECUTED', 'REFUSED'] as const;

export const erasureRequestSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  reason: z.string(),
  receivedAt: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  status: z.enum(ERASURE_STATUSES),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  refusal: retentionBlockSchema.nullable(),
});
export type ErasureRequest = z.infer<typeof erasureRequestSchema>;
