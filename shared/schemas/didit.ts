import { z } from 'zod';
import { DIDIT_STATUSES } from '../statusMappings';

/**
 * Didit's verification API v3 as the Didit connector reads it (seed 003, plus Didit's v3 names
 * for what the seed's text cuts off: `liveness_checks`, `face_matches`, per-feature `warnings`).
 * Lenient on purpose: unknown fields are dropped and missing ones are null, so a field Didit
 * adds or leaves out never fails an import; only `session_id` and a known `status` are required.
 */
export const diditStatusSchema = z.enum(DIDIT_STATUSES);

const text = z.string().nullish();
const score = z.number().nullish();

/**
 * A warning without its `long_description`: Didit writes the person's data into it ("Expected
 * "John", the document reads ..."), and warnings are shown and audited beside the scores.
 */
export const diditWireWarningSchema = z.object({ risk: z.string(), feature: text, log_type: text, short_description: text });

export const diditWireIdVerificationSchema = z.object({
  status: text,
  document_type: text,
  issuing_country: text,
  first_name: text,
  last_name: text,
  date_of_birth: text,
  document_number: text,
  expiry_date: text,
  gender: text,
  nationality: text,
  mrz: text,
  front_image: text,
  back_image: text,
  portrait_image: text,
  warnings: z.array(diditWireWarningSchema).nullish(),
});
export const diditWireLivenessSchema = z.object({ status: text, method: text, score, reference_image: text, warnings: z.array(diditWireWarningSchema).nullish() });
export const diditWireFaceMatchSchema = z.object({ status: text, score, warnings: z.array(diditWireWarningSchema).nullish() });

/** `GET /v3/session/{id}/decision/`, and the `decision` a webhook carries. */
export const diditDecisionSchema = z.object({
  session_id: z.string().min(1),
  status: diditStatusSchema,
  vendor_data: text,
  session_url: text,
  features: z.array(z.string()).nullish(),
  id_verifications: z.array(diditWireIdVerificationSchema).nullish(),
  liveness_checks: z.array(diditWireLivenessSchema).nullish(),
  face_matches: z.array(diditWireFaceMatchSchema).nullish(),
  reviews: z.array(z.object({ new_status: z.string(), comment: text, created_at: text })).nullish(),
});
export type DiditDecision = z.infer<typeof diditDecisionSchema>;

/**
 * A webhook body (Didit webhook docs; the seed says only "a POST with session_id and status"):
 * `created_at` is when the status changed, in Unix seconds; `decision` comes with final statuses.
 */
export const diditWebhookSchema = z.object({
  session_id: z.string().min(1),
  status: diditStatusSchema,
  webhook_type: text,
  created_at: z.number().int().nonnegative().nullish(),
  timestamp: z.number().int().nonnegative().nullish(),
  vendor_data: text,
  decision: diditDecisionSchema.nullish(),
});

/** What a Didit result is stored and shown as, beside our own analysis of the case. */
export const diditWarningSchema = z.object({ feature: z.string().nullable(), risk: z.string(), logType: z.string().nullable(), shortDescription: z.string().nullable() });
export const diditResultSchema = z.object({
  sessionId: z.string(),
  status: diditStatusSchema,
  /** Didit's time for this state (a webhook's created_at, or when a poll saw it). */
  remoteAt: z.string(),
  features: z.array(z.string()),
  /** Didit's OCR of the document, under our field names, beside the profile's own values. */
  idVerifications: z.array(
    z.object({
      status: z.string().nullable(),
      documentType: z.string().nullable(),
      issuingCountry: z.string().nullable(),
      firstName: z.string().nullable(),
      lastName: z.string().nullable(),
      dateOfBirth: z.string().nullable(),
      documentNumber: z.string().nullable(),
      expiryDate: z.string().nullable(),
      gender: z.string().nullable(),
      nationality: z.string().nullable(),
      mrz: z.string().nullable(),
    }),
  ),
  /** Scores on Didit's 0-100 scale. */
  liveness: z.array(z.object({ status: z.string().nullable(), method: z.string().nullable(), score: z.number().nullable() })),
  faceMatches: z.array(z.object({ status: z.string().nullable(), score: z.number().nullable() })),
  warnings: z.array(diditWarningSchema),
  importedAt: z.string(),
});
export type DiditResult = z.infer<typeof diditResultSchema>;

/** A case's Didit session as branch staff see it: the link to send the customer to. */
export const diditSessionStateSchema = z.object({
  caseId: z.string(),
  /** queued: the create waits in the outbox; linked: the session exists; failed: the create was given up (see the dead letters). */
  state: z.enum(['queued', 'linked', 'failed']),
  sessionId: z.string().nullable(),
  url: z.string().nullable(),
  status: diditStatusSchema.nullable(),
  error: z.string().nullable(),
});
export type DiditSessionState = z.infer<typeof diditSessionStateSchema>;

/**
 * A Didit state as the inbox holds it until applied, whether a webhook brought it or a poll
 * fetched it. `remoteAt` orders states: an event older than the one applied never moves a case.
 */
export const diditInboxEventSchema = z.object({
  source: z.enum(['webhook', 'poll']),
  sessionId: z.string().min(1),
  status: diditStatusSchema,
  remoteAt: z.string(),
  vendorData: z.string().nullable(),
  decision: diditDecisionSchema.nullable(),
});
export type DiditInboxEvent = z.infer<typeof diditInboxEventSchema>;
