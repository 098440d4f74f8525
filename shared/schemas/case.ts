import { z } from 'zod';
import { CASE_STATUSES } from '../caseStatus';
import { KYC_LEVELS, KYC_MISSING_KEYS } from '../kycLevels';
import { PROFILE_TYPES, profileSchema } from './profile';
import { evidenceSchema } from './evidence';
import { auditEventSchema } from './audit';
import { decisionSchema } from './decision';
import { analysisResultSchema, RECOMMENDATIONS } from './analysis';
import { blocklistEntrySchema, blocklistTargetsSchema, caseFlagSchema } from './screening';

/** Set by the engine: HIGH for a DECLINE or a failed identity check, MEDIUM for review, LOW for clean. */
export const RISK_LEVELS = ['LOW', 'MEDIUM', 'HIGH'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const caseStatusSchema = z.enum(CASE_STATUSES);
export const kycLevelSchema = z.enum(KYC_LEVELS);

export const caseSummarySchema = z.object({
  id: z.string(),
  /** kycService's numeric documentId for this application (one identity document per case). */
  documentId: z.number().int(),
  profileId: z.string(),
  profileType: z.enum(PROFILE_TYPES),
  displayName: z.string(),
  countryCode: z.string(),
  documentType: z.string(),
  status: caseStatusSchema,
  kycLevel: kycLevelSchema,
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  /** Null until the applicant submits; the queue's "age" counts from here. */
  submittedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Bumped on every change; decisions must name the version they were made on. */
  version: z.number().int(),
  /** kycService status 3: an operator changed OCR-extracted fields. */
  userModified: z.boolean(),
  /** The latest engine recommendation, if the case was analysed. */
  recommendation: z.enum(RECOMMENDATIONS).nullable(),
  risk: z.enum(RISK_LEVELS).nullable(),
  /** Some check warned or failed. */
  hasWarnings: z.boolean(),
  /** A sanctions or PEP screening hit no officer has disposed of yet (ongoing monitoring raises it on approved cases too). */
  screeningAlert: z.boolean(),
  /**
   * An approved company one of whose owners is not approved in their own application now (reset to
   * review, rejected or expired since, or never approved when the approval was imported): the
   * company's approval vouches for someone no longer verified.
   */
  ownerAlert: z.boolean(),
  /** Submission time plus the SLA from the settings; null until submitted. */
  slaDueAt: z.string().nullable(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const QUEUE_SORTS = ['age', 'sla', 'risk', 'updated', 'name'] as const;

export const queueQuerySchema = z.object({
  statuses: z.array(caseStatusSchema).optional(),
  profileType: z.enum(PROFILE_TYPES).optional(),
  /** Free text: matches name, document number or externalId. */
  search: z.string().trim().max(100).optional(),
  recommendations: z.array(z.enum(RECOMMENDATIONS)).optional(),
  risks: z.array(z.enum(RISK_LEVELS)).optional(),
  countries: z.array(z.string().length(2)).optional(),
  documentTypes: z.array(z.string().min(1)).optional(),
  /** 'me', 'unassigned', 'me_or_unassigned', or an operator id. */
  assignee: z.string().min(1).optional(),
  /** Only cases past their SLA due time. */
  overdue: z.boolean().optional(),
  /** Only cases submitted at least this many hours ago. */
  minAgeHours: z.number().min(0).optional(),
  hasWarnings: z.boolean().optional(),
  /** Only cases with (true) or without (false) an open screening hit. */
  screeningAlert: z.boolean().optional(),
  /** Only approved companies with (true) or without (false) an owner not approved in their own application. */
  ownerAlert: z.boolean().optional(),
  /** age: by submission time (oldest first when ascending). */
  sort: z.enum(QUEUE_SORTS).default('age'),
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: z.number().int().min(1).max(500).default(50),
  offset: z.number().int().min(0).default(0),
});
export type QueueQuery = z.input<typeof queueQuerySchema>;

export const queuePageSchema = z.object({
  rows: z.array(caseSummarySchema),
  total: z.number().int(),
});
export type QueuePage = z.infer<typeof queuePageSchema>;

/** The queue's filters but the status, whose counts per status the status tabs show. */
export const queueCountsQuerySchema = queueQuerySchema.omit({ statuses: true, sort: true, order: true, limit: true, offset: true }).strict();
export type QueueCountsQuery = z.infer<typeof queueCountsQuerySchema>;

export const statusCountsSchema = z.record(caseStatusSchema, z.number().int());
export type StatusCounts = z.infer<typeof statusCountsSchema>;

/**
 * A profile linked by ownership, as the case page and the PDF show it
 * (electron/service/profiles/companyOwners.ts): a company's owner, or a company a person owns.
 * `main`: the person is the company's main owner.
 */
export const companyOwnerSchema = z.object({
  profileId: z.string(),
  main: z.boolean(),
  /** Null when the profile is no longer on file (purged). */
  displayName: z.string().nullable(),
  externalId: z.string().nullable(),
  caseId: z.string().nullable(),
  caseStatus: z.enum(CASE_STATUSES).nullable(),
});
export type CompanyOwner = z.infer<typeof companyOwnerSchema>;

export const caseDetailSchema = z.object({
  case: caseSummarySchema,
  profile: profileSchema,
  evidence: z.array(evidenceSchema),
  decisions: z.array(decisionSchema),
  timeline: z.array(auditEventSchema),
  /** What the next KYC level still needs (shared/kycLevels.ts). */
  kycLevelMissing: z.array(z.enum(KYC_MISSING_KEYS)),
  /** The newest engine result, with the policy version that produced it. */
  analysis: analysisResultSchema.nullable(),
  /** Blocklist hits and duplicates, each linked to the other case. */
  flags: z.array(caseFlagSchema),
  /** This case's own face or document on the blocklist (active entries made from it). */
  blocklisted: z.array(blocklistEntrySchema),
  /** A company's owners, each with their own case; empty for a person. */
  owners: z.array(companyOwnerSchema),
  /**
   * The companies a person owns, each with its own case (resetting an approved owner puts an
   * approved one on owner alert); empty for a company.
   */
  ownerOf: z.array(companyOwnerSchema),
  /** What the blocklist action can take, here and at Didit, and what Didit's blocklist was asked. */
  blocklistTargets: blocklistTargetsSchema,
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;
