import { z } from 'zod';

export const auditEventSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  type: z.string(),
  caseId: z.string().nullable(),
  profileId: z.string().nullable(),
  /** Event details (old and new values, reasons). Null once purged under retention. */
  payload: z.record(z.string(), z.unknown()).nullable(),
  payloadHash: z.string(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

/** What can be wrong with a row of the chain. */
export const AUDIT_BREAK_CODES = ['SEQUENCE_GAP', 'LINK_MISMATCH', 'ROW_HASH_MISMATCH', 'PAYLOAD_HASH_MISMATCH', 'PAYLOAD_MISSING', 'CHECKPOINT_INVALID', 'CHECKPOINT_MISMATCH', 'CHECKPOINT_MISSING'] as const;
export type AuditBreakCode = (typeof AUDIT_BREAK_CODES)[number];

/** The type of a signed checkpoint of the chain's head; its payload is an AuditAnchor. */
export const CHECKPOINT_EVENT_TYPE = 'audit.checkpoint';
/**
 * At most this many events follow a checkpoint before the next: a report verifies from the
 * last one in well under 100 ms, and a rewrite cannot drop checkpoints without leaving a gap.
 */
export const CHECKPOINT_INTERVAL = 1000;

/** The type of the event a purge leaves; its payload lists the rows whose payloads it removed. */
export const PURGE_EVENT_TYPE = 'retention.purged';

/** The distinct actors and event types in the log, for the viewer's filters. */
export const auditFacetsSchema = z.object({
  total: z.number().int(),
  actors: z.array(z.object({ id: z.string().nullable(), name: z.string(), count: z.number().int() })),
  types: z.array(z.object({ type: z.string(), count: z.number().int() })),
});
export type AuditFacets = z.infer<typeof auditFacetsSchema>;

export const chainVerificationSchema = z.object({
  valid: z.boolean(),
  checked: z.number().int(),
  headHash: z.string().nullable(),
  /** Rows whose payload was purged under retention, each covered by a tombstone event. */
  purgedPayloads: z.number().int(),
  /**
   * Set when the walk started at a signed checkpoint instead of the first event: the events up to
   * that sequence number are vouched for by its signature, the rest were re-hashed.
   */
  fromCheckpoint: z.number().int().nullable().optional(),
  /** The first row whose hash, link or payload does not verify. */
  firstBroken: z
    .object({
      seq: z.number().int(),
      /** What mismatched, in English. */
      problem: z.string(),
      /** The same as a stable code, for translation and for clients to switch on. */
      code: z.enum(AUDIT_BREAK_CODES),
    })
    .nullable(),
});
export type ChainVerification = z.infer<typeof chainVerificationSchema>;
