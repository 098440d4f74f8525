import { z } from 'zod';
import { PERSON_DOCUMENT_TYPES, type PersonDocumentType } from '../documentTypes';
import { alpha3ToAlpha2 } from '../countries';
import { countryCode, textError } from './common';

/**
 * kycService's own vocabulary (seed 002): document types as its clients send them, mapped onto
 * ours; a kycService-only name that has a KillB twin is stored as the twin.
 */
const KYC_SERVICE_DOC_ALIASES: Readonly<Record<string, PersonDocumentType>> = { ID_CARD: 'NATIONAL_ID' };

export const kycServiceDocType = z
  .string({ error: textError('docType') })
  .trim()
  .toUpperCase()
  .transform((t, ctx) => {
    const mapped = KYC_SERVICE_DOC_ALIASES[t] ?? t;
    if (!(PERSON_DOCUMENT_TYPES as readonly string[]).includes(mapped)) {
      ctx.addIssue({ code: 'custom', message: `docType must be one of ID_CARD, ${PERSON_DOCUMENT_TYPES.join(', ')}` });
      return z.NEVER;
    }
    return mapped as PersonDocumentType;
  });

/** kycService sends nationality as ICAO alpha-3 (SGP); profiles keep alpha-2 (SG). Both are taken. */
export const nationalityCode = z
  .string({ error: textError('nationality') })
  .trim()
  .toUpperCase()
  .transform((v) => (v.length === 3 ? (alpha3ToAlpha2(v) ?? v) : v))
  .pipe(countryCode);

/** A remote liveness provider's verdict, read from kycService's free-text `result`. */
export const REMOTE_LIVENESS_VERDICTS = ['PASSED', 'FAILED', 'UNKNOWN'] as const;
export type RemoteLivenessVerdict = (typeof REMOTE_LIVENESS_VERDICTS)[number];
const PASS_WORDS = ['success', 'succeeded', 'pass', 'passed', 'true', 'ok', 'live', 'approved'];
const FAIL_WORDS = ['fail', 'failed', 'failure', 'false', 'error', 'timeout', 'spoof', 'rejected', 'declined'];
export function remoteLivenessVerdict(result: string | null, errorMessage: string | null): RemoteLivenessVerdict {
  const r = result?.trim().toLowerCase() ?? '';
  if (PASS_WORDS.includes(r)) return errorMessage ? 'UNKNOWN' : 'PASSED';
  if (FAIL_WORDS.includes(r) || (!r && errorMessage)) return 'FAILED';
  return 'UNKNOWN';
}

export const remoteLivenessResultSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  sessionId: z.string().nullable(),
  /** 0-100, as the provider sent it. */
  confidence: z.number().nullable(),
  result: z.string().nullable(),
  errorMessage: z.string().nullable(),
  verdict: z.enum(REMOTE_LIVENESS_VERDICTS),
  /** The newest local liveness session's status when the callback arrived, if any. */
  localStatus: z.enum(['PENDING', 'PASSED', 'FAILED', 'EXPIRED']).nullable(),
  /** The provider and our own check disagree: shown to the reviewer, never resolved silently. */
  conflict: z.boolean(),
  receivedAt: z.string(),
  receivedBy: z.string(),
});
export type RemoteLivenessResult = z.infer<typeof remoteLivenessResultSchema>;
