import { ErrorCode } from '../../../shared/errorCodes';
import type { PersonInput } from '../../../shared/schemas/profile';
import { ServiceFailure } from '../core/ServiceFailure';
import { newId } from '../core/newId';
import { displayNameOf } from '../repositories/ProfileRepository';
import { createProfile } from '../profiles/createProfile';
import { applyProfilePatch } from '../profiles/applyProfilePatch';
import { assertOwners, assertUnique } from '../profiles/profileRules';
import type { HandlerSlice } from './Handlers';

export const profileHandlers: HandlerSlice<'profiles.createPerson' | 'profiles.createCompany' | 'profiles.get' | 'profiles.update'> = {
  'profiles.createPerson'(input, ctx) {
    assertUnique(ctx.deps, input.externalId, 'PERSON', input.email);
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
    assertUnique(ctx.deps, input.externalId, 'COMPANY', input.email);
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
