import type { CaseStatus } from '../../../shared/caseStatus';
import type { CaseSummary } from '../../../shared/schemas/case';
import type { ProfileRepository } from '../repositories/ProfileRepository';
import type { SyncRepository } from '../repositories/SyncRepository';
import type { CaseRepository } from '../repositories/CaseRepository';
import type { AuditLog } from '../audit/AuditLog';
import { isApproved, ownerIdsOf } from '../profiles/companyOwners';
import { newId } from '../core/newId';
import { SYSTEM_ACTOR_NAMES } from '../../../shared/systemActors';
import { reviveDeadLetter } from './reviveDeadLetter';
import { KILLB_CREATE_USER, killbUserKey } from './killbConnector';
import { enqueueCentralForward } from './centralEffects';
import { enqueueDiditDecisionEffects } from './diditEffects';

/**
 * The remote effects of a local status change, queued in the same transaction as the change
 * (call inside it): the outbox row commits with the change or not at all. Each row's
 * idempotency key names the effect itself, so queueing it twice keeps one row.
 */
export function enqueueRemoteEffects(
  deps: { sync: SyncRepository; profiles: ProfileRepository; cases: CaseRepository; audit: AuditLog },
  c: Pick<CaseSummary, 'id' | 'profileId' | 'version'>,
  to: CaseStatus,
  now: Date,
  /** Who made the change (null: the engine, the sync, a schedule) and the decision it carries, if any. */
  origin: { actorId: string | null; actorName: string; decisionId: string | null } = { actorId: null, actorName: SYSTEM_ACTOR_NAMES.system, decisionId: null },
): void {
  const at = now.toISOString();
  enqueueDiditDecisionEffects(deps.sync, c, to, origin, now);
  // A branch forwards what it submits to the central kycService (when that connector is on).
  if (to === 'SUBMITTED') enqueueCentralForward(deps.sync, c, now);
  if (to === 'APPROVED' && deps.sync.connector('killb')?.enabled) {
    // KillB: a company's owners are created as PERSON users before it (seed 001), each only once
    // approved in their own application: an owner not yet approved is queued by that approval, and
    // the company waits for it (killbConnector). An approval here already needs them approved;
    // one imported from a remote may not.
    const owners = ownerIdsOf(deps.profiles.byId(c.profileId)).filter((id) => isApproved(deps, id));
    const revive = (profileId: string, note: string) => {
      const dead = deps.sync.outboxByKey(killbUserKey(profileId));
      if (dead?.status === 'dead') reviveDeadLetter(deps, dead, at, { id: origin.actorId, name: origin.actorName }, note);
    };
    for (const profileId of [...owners, c.profileId]) {
      // Approved again after a fix (reset, corrected, approved): a refusal of the data as it was is
      // sent again, audited as a retry by whoever approved.
      if (!deps.sync.enqueue({ id: newId(), connector: 'killb', kind: KILLB_CREATE_USER, idempotencyKey: killbUserKey(profileId), caseId: c.id, payload: { profileId }, now: at })) revive(profileId, 'sent again on approval');
    }
    // An owner approved after their company: the company that gave up waiting for them goes again.
    for (const companyId of deps.profiles.companiesOwnedBy(c.profileId)) revive(companyId, "sent again on an owner's approval");
  }
}
