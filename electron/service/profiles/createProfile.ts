import type { Profile } from '../../../shared/schemas/profile';
import { newId } from '../core/newId';
import { refreshKycLevel } from '../cases/caseWorkflow';
import { screenCase } from '../screening/screenCase';
import { assertUnique } from './profileRules';
import type { AuthedContext } from '../handlers/Handlers';

/** Inserts the profile and its (single) case, with the audit event, in one transaction. */
export function createProfile(ctx: AuthedContext, profile: Profile): Profile {
  const { deps, now, actor } = ctx;
  return ctx.tx(() => {
    // Re-checked inside the transaction so two concurrent intakes cannot both pass.
    assertUnique(deps, profile.externalId, profile.type, 'email' in profile.data ? profile.data.email : null);
    deps.profiles.insert(profile);
    if (profile.type === 'COMPANY') deps.profiles.setOwners(profile.id, profile.data.mainOwnerUser, profile.data.ownerUsers);
    const caseId = newId();
    deps.cases.insert({ id: caseId, profileId: profile.id, status: 'NOT_STARTED', kycLevel: 'L0', now: now.toISOString() });
    deps.audit.append({
      at: now.toISOString(),
      actor: { id: actor.id, name: actor.displayName },
      type: 'profile.created',
      caseId,
      profileId: profile.id,
      payload: { type: profile.type, externalId: profile.externalId },
    });
    refreshKycLevel(deps, caseId);
    // Document screening needs nothing but the profile: a blocklisted or reused number shows at once.
    screenCase(deps, caseId, now);
    return profile;
  });
}
