import type { SyncRepository } from '../repositories/SyncRepository';
import { newId } from '../core/newId';
import type { AuditAnchor } from '../../../shared/schemas/auditAnchor';

/**
 * The central kycService connector's outbox kind and how it is queued. Kept apart from the
 * connector so the case workflow can queue the effect without importing the connector (which
 * imports the case workflow to apply the central decision).
 */
export const CENTRAL_FORWARD = 'central.forward';
/** A signed checkpoint of this workstation's audit chain, for the central server to keep. */
export const CENTRAL_ANCHOR = 'central.anchor';

/**
 * A submitted case goes to the central kycService. Called inside the transaction that moves the
 * case to SUBMITTED, so the row commits with the submission or not at all. The key names the
 * submission (case and time): a resubmission is forwarded again, one submission only once.
 */
export function enqueueCentralForward(sync: Pick<SyncRepository, 'connector' | 'enqueue'>, c: { id: string; profileId: string }, now: Date): boolean {
  if (sync.connector('central')?.enabled !== true) return false;
  const at = now.toISOString();
  // The payload names the case, never its personal data: the connector reads the case when it sends.
  return sync.enqueue({ id: newId(), connector: 'central', kind: CENTRAL_FORWARD, idempotencyKey: `central:forward:${c.id}:${at}`, caseId: c.id, payload: { caseId: c.id, submittedAt: at }, now: at });
}

/**
 * Each signed checkpoint goes to the central server (when the connector is on), queued in the
 * transaction that appends it: a branch that later rewrites its chain cannot take back what the
 * central already holds. Keyed by the signing key and sequence number: sent once.
 */
export function enqueueCentralAnchor(sync: Pick<SyncRepository, 'connector' | 'enqueue'>, anchor: AuditAnchor): boolean {
  if (sync.connector('central')?.enabled !== true) return false;
  return sync.enqueue({ id: newId(), connector: 'central', kind: CENTRAL_ANCHOR, idempotencyKey: `central:anchor:${anchor.keyId}:${anchor.seq}`, caseId: null, payload: { anchor }, now: anchor.at });
}
