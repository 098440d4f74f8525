import { z } from 'zod';
import { CLOSED_STATUSES, type CaseStatus } from './caseStatus';
import type { AuditEvent } from './schemas/audit';

/** The change that closed a case when no officer's decision did: the engine, a remote, a schedule. */
export const closingChangeSchema = z.object({
  at: z.string(),
  /** Null for a system actor (the engine, remote sync, a schedule). */
  actorId: z.string().nullable(),
  actorName: z.string(),
  /** Where the status came from: 'didit', 'central', or null (the engine, the expiry schedule). */
  via: z.string().nullable(),
  /** The remote's session or record the status was imported from. */
  remoteId: z.string().nullable(),
  /** The remote's own word for the status ("Expired", "Kyc Expired"); null before it was recorded. */
  remoteStatus: z.string().nullable(),
  /** The engine approved a clean submission itself (kycService result 1). */
  automatic: z.boolean(),
});
export type ClosingChange = z.infer<typeof closingChangeSchema>;

const text = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/**
 * What closed a closed case, read from its audit events: the last change into its status. Null
 * when the case is open, when an officer's decision made that change (its decision row says
 * it all), or when the events were purged under retention. The case page and the PDF report
 * both word it from here, so they never disagree on who closed a case.
 */
export function closingChange(status: CaseStatus, events: readonly AuditEvent[]): ClosingChange | null {
  if (!CLOSED_STATUSES.includes(status)) return null;
  const closing = events.findLast((e) => e.type === 'case.status_changed' && e.payload?.to === status);
  const p = closing?.payload;
  if (!closing || !p || text(p.decisionId)) return null;
  return { at: closing.at, actorId: closing.actorId, actorName: closing.actorName, via: text(p.via), remoteId: text(p.sessionId) ?? text(p.remoteId), remoteStatus: text(p.remoteStatus), automatic: p.automatic === true };
}
