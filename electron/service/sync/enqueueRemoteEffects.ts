import type { CaseStatus } from '../../../shared/caseStatus';
import type { CaseSummary } from '../../../shared/schemas/case';
import type { ProfileRepository } from '../repositories/ProfileRepository';
import type { SyncRepository } from '../repositories/SyncRepository';
import type { CaseRepository } from '../repositories/CaseRepository';
import { isApproved, ownerIdsOf } from '../profiles/companyOwners';
import { newId } from '../core/newId';
import { KILLB_CREATE_USER } from './killbConnector';
import { enqueueCentralForward } from './centralEffects';
import { enqueueDiditDecisionEffects } from './diditEffects';

/**
 * The remote effects of a local status change, queued in the same transaction as the change
 * (call inside it): the outbox row commits with the change or not at all. Each row's
 * idempotency key names the effect itself, so queueing it twice keeps one row.
 */
export function enqueueRemoteEffects(
  deps: { sync: SyncRepository; profiles: ProfileRepository; cases: CaseRepository },
  c: Pick<CaseSummary, 'id' | 'profileId' | 'version'>,
  to: CaseStatus,
  now: Date,
  /** Who made the change (null: the engine, the sync, a schedule) and the decision it carries, if any. */
  origin: { actorId: string | null; decisionId: string | null } = { actorId: null, decisionId: null },
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
    for (const profileId of [...owners, c.profileId]) {
      // One KillB user per profile, ever: the key is the profile, not the approval.
      deps.sync.enqueue({ id: newId(), connector: 'killb', kind: KILLB_CREATE_USER, idempotencyKey: `killb:user:${profileId}`, caseId: c.id, payload: { profileId }, now: at });
    }
  }
}
