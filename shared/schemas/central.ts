import { z } from 'zod';
import { LEAPCAT_STATUSES } from '../statusMappings';

/**
 * A central kycService (seed 002) as the branch's central connector reads it. The central can
 * be this same product (`npm run serve`), whose answers are richer than the seed's; only what
 * the seed names (`profileId`, `documentId`, the status object's status) is required, and the
 * rest is read when present. Unknown fields are dropped: they are not the branch's to keep.
 */

/** `ApiResponse {code, message, data}`: code 0 is success (seed 002). */
export const centralEnvelopeSchema = z.object({
  code: z.number(),
  message: z.string().nullish(),
  data: z.record(z.string(), z.unknown()).nullish(),
});

/** `POST /submit` answers `data.profileId`; this product adds the numeric `documentId`. */
export const centralSubmitDataSchema = z.object({
  profileId: z.string().min(1),
  documentId: z.number().int().positive().nullish(),
});

/**
 * `GET /status/{profileId}`: `data.status` is a KycStatusDto. The seed gives no field list; this
 * product's has the LeapCat `status`, the admin `reviewStatus` (-1, 0, 2), `documents` (kind and
 * sha256 of each file) and `updatedAt`.
 */
export const centralStatusDtoSchema = z.object({
  status: z.string().nullish(),
  reviewStatus: z.number().int().nullish(),
  caseStatus: z.string().nullish(),
  documentId: z.number().int().nullish(),
  documents: z.array(z.object({ kind: z.string(), sha256: z.string() })).nullish(),
  updatedAt: z.string().nullish(),
});
export type CentralStatusDto = z.infer<typeof centralStatusDtoSchema>;

export const centralStatusSchema = z.enum(LEAPCAT_STATUSES);
export type CentralStatus = z.infer<typeof centralStatusSchema>;
/** The central statuses that end a case there: polling stops at them. */
export const CENTRAL_FINAL_STATUSES = ['APPROVED', 'REJECTED'] as const satisfies readonly CentralStatus[];

/** One central status seen by polling, kept in the inbox before it is applied. */
export const centralStatusEventSchema = z.object({
  caseId: z.string().min(1),
  profileId: z.string().min(1),
  status: centralStatusSchema,
  reviewStatus: z.number().int().nullable(),
  /** The central's `updatedAt`, or the poll's time when the central sends none. */
  remoteAt: z.string().min(1),
});
export type CentralStatusEvent = z.infer<typeof centralStatusEventSchema>;

/** The forwarding steps of one submission, in the order they run. */
export const CENTRAL_FORWARD_STEPS = ['profile', 'documents', 'confirm', 'liveness', 'submit'] as const;
export type CentralForwardStep = (typeof CENTRAL_FORWARD_STEPS)[number];

/**
 * What the case's central link (`sync_links.extra`) records: the central document number and
 * which steps of which submission are done, so a retry resumes after the last step done.
 */
export const centralLinkExtraSchema = z.object({
  documentId: z.number().int().nullable().default(null),
  /** The outbox row (one per submission) the `done` steps belong to. */
  forward: z.string().nullable().default(null),
  done: z.array(z.enum(CENTRAL_FORWARD_STEPS)).default([]),
  /** sha256 of the files the central has from us: never sent twice. */
  sentFiles: z.array(z.string()).default([]),
});
export type CentralLinkExtra = z.infer<typeof centralLinkExtraSchema>;
