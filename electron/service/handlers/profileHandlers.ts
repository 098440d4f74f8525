import { ErrorCode } from '../../../shared/errorCodes';
import type { PersonInput, Profile } from '../../../shared/schemas/profile';
import { ServiceFailure } from '../core/ServiceFailure';
import { newId } from '../core/newId';
import { displayNameOf } from '../repositories/ProfileRepository';
import { refreshKycLevel } from '../cases/caseWorkflow';
import { screenCase } from '../screening/screenCase';
import { applyProfilePatch } from '../profiles/applyProfilePatch';
import { assertOwners, assertUnique } from '../profiles/profileRules';
import type { AuthedContext, HandlerSlice } from './Handlers';

/** Inserts the profile and its (single) case, with the audit event, in one transaction. */
function createProfile(ctx: AuthedContext, profile: Profile): Profile {
  const { deps, now, actor } = ctx;
  return ctx.tx(() => {
    // Re-checked inside the transaction so two concurrent intakes cannot both pass.
    assertUnique(deps, profile.externalId, profile.type === 'PERSON' ? profile.data.email : null);
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

export const profileHandlers: HandlerSlice<'profiles.createPerson' | 'profiles.createCompany' | 'profiles.get' | 'profiles.update'> = {
  'profiles.createPerson'(input, ctx) {
    assertUnique(ctx.deps, input.externalId, input.email);
    const at = ctx.now.toISOString();
    const data: PersonInput = input;
    return createProfile(ctx, {
      id: newId(),
      type: 'PERSON',
      externalId: input.externalId,
      displayName: displayNameOf({ type: 'PERSON', data }),
      createdAt: at,
      updatedAt: at,
      data,
    });
  },

  'profiles.createCompany'(input, ctx) {
    assertUnique(ctx.deps, input.externalId, null);
    assertOwners(ctx.deps, input);
    const at = ctx.now.toISOString();
    return createProfile(ctx, {
      id: newId(),
      type: 'COMPANY',
      externalId: input.externalId,
      displayName: input.companyName,
      createdAt: at,
      updatedAt: at,
      data: input,
    });
  },

  'profiles.get'(input, { deps }) {
    const p = deps.profiles.byId(input.id);
    if (!p) throw new ServiceFailure(ErrorCode.NOT_FOUND, 'no such profile', 'id');
    return p;
  },

  'profiles.update'(input, { deps, now, tx, actor }) {
    return tx(() => applyProfilePatch(deps, { profileId: input.id, patch: input.patch, reason: input.reason, actor, now }));
  },
};
