import type { AuditActor, AuditLog } from '../audit/AuditLog';
import type { OutboxRecord, SyncRepository } from '../repositories/SyncRepository';

/**
 * A dead letter back in the queue, its attempts starting again, audited as a retry by whoever sent
 * it back (an admin, new credentials, an approval after a fix). False when the row was not dead.
 */
export function reviveDeadLetter(deps: { sync: SyncRepository; audit: AuditLog }, r: OutboxRecord, at: string, actor: AuditActor, note: string): boolean {
  if (!deps.sync.revive(r.id, at)) return false;
  deps.audit.append({ at, actor, type: 'sync.retried', caseId: r.caseId, payload: { outboxId: r.id, connector: r.connector, kind: r.kind, note } });
  return true;
}
