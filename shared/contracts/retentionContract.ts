import { z } from 'zod';
import { op } from '../operationSpec';
import {
  erasureRequestSchema,
  legalHoldSchema,
  purgeOutcomeSchema,
  retentionPreviewSchema,
  tombstoneSchema,
} from '../schemas/retention';

/** A retention reason's longest (a hold's authority and reference, an erasure letter's reference). */
export const MAX_RETENTION_REASON = 1000;
const reason = (what: string) => z.string().trim().min(1, { error: `say why ${what}` }).max(MAX_RETENTION_REASON);
const caseId = z.string().min(1);
/** Who may put a case on legal hold or take it off: compliance seniors and administrators. */
const HOLDERS = ['senior_officer', 'admin'] as const;

/**
 * Retention (FATF R.11 by default: 5 years after a case closes): a dry-run preview, the purge
 * that leaves a tombstone in the audit chain, legal holds that block it, and erasure requests
 * executed through the same purge. Auditors may read all of it and change none of it.
 */
export const retentionContract = {
  /** Dry run: the closed cases past retention as of now, and what blocks any of them. */
  'retention.preview': op({ input: z.object({}).strict(), output: retentionPreviewSchema, roles: ['auditor', 'admin'], mutates: false }),
  /** Purges the due cases (all of them, or the ones named) that nothing blocks. */
  'retention.purge': op({
    input: z.object({ caseIds: z.array(caseId).min(1).max(500).optional(), note: z.string().trim().max(1000).default('') }),
    output: purgeOutcomeSchema,
    roles: ['admin'],
    mutates: true,
  }),
  'retention.tombstones': op({
    input: z.object({ limit: z.number().int().min(1).max(1000).default(200) }),
    output: z.array(tombstoneSchema),
    roles: ['auditor', 'admin'],
    mutates: false,
  }),

  'retention.setLegalHold': op({ input: z.object({ caseId, reason: reason('the case is held') }), output: legalHoldSchema, roles: HOLDERS, mutates: true }),
  'retention.clearLegalHold': op({
    input: z.object({ caseId, reason: reason('the hold ends') }),
    output: z.object({ cleared: z.boolean() }),
    roles: HOLDERS,
    mutates: true,
  }),
  'retention.legalHolds': op({ input: z.object({}).strict(), output: z.array(legalHoldSchema), roles: ['senior_officer', 'auditor', 'admin'], mutates: false }),

  /** Records a data subject's erasure request (no personal data in the reason: cite the letter's reference). */
  'retention.requestErasure': op({
    input: z.object({
      caseId,
      reason: reason('erasure is requested'),
      receivedAt: z.iso.datetime({ error: 'receivedAt must be an ISO date-time' }).optional(),
    }),
    output: erasureRequestSchema,
    roles: HOLDERS,
    mutates: true,
  }),
  /** Executes a recorded request through the purge, or refuses it with a coded reason (kept on the request). */
  'retention.executeErasure': op({ input: z.object({ id: z.string().min(1) }), output: erasureRequestSchema, roles: ['admin'], mutates: true }),
  'retention.erasureRequests': op({ input: z.object({}).strict(), output: z.array(erasureRequestSchema), roles: ['senior_officer', 'auditor', 'admin'], mutates: false }),
} as const;
