import { ErrorCode } from '../../../shared/errorCodes';
import { REVIEWABLE_STATUSES } from '../../../shared/caseStatus';
import { companyInputSchema, personInputSchema, type CompanyInput, type PersonInput, type Profile } from '../../../shared/schemas/profile';
import { toServiceError } from '../../../shared/zodErrors';
import { ServiceFailure } from '../core/ServiceFailure';
import { newId } from '../core/newId';
import type { ServiceDeps } from '../core/ServiceDeps';
import { displayNameOf } from '../repositories/ProfileRepository';
import { refreshKycLevel } from '../cases/caseWorkflow';
import { diffFields, mergePatch } from '../profiles/diffFields';
import type { AuthedContext, HandlerSlice } from './Handlers';

function assertUnique(deps: ServiceDeps, externalId: string | null, personEmail: string | null, exceptId?: string): void {
  if (externalId !== null && deps.profiles.existsExternalId(externalId)) {
    throw new ServiceFailure(ErrorCode.USER_EXISTS, 'a profile with this externalId already exists', 'externalId');
  }
  if (personEmail !== null && deps.profiles.personEmailTaken(personEmail, exceptId)) {
    throw new ServiceFailure(ErrorCode.EMAIL_REGISTERED, 'this email is already registered to another person', 'email');
  }
}

function assertOwners(deps: ServiceDeps, data: CompanyInput): void {
  const owners: [string, string][] = [
    ['mainOwnerUser', data.mainOwnerUser],
    ...data.ownerUsers.map((id, i): [string, string] => [`ownerUsers.${i}`, id]),
  ];
  for (const [field, id] of owners) {
    if (deps.profiles.typeOf(id) !== 'PERSON') {
      throw new ServiceFailure(ErrorCode.INVALID_OWNER, 'owners must be existing PERSON profiles', field);
    }
  }
}

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
    const current = deps.profiles.byId(input.id);
    if (!current) throw new ServiceFailure(ErrorCode.NOT_FOUND, 'no such profile', 'id');
    if ('externalId' in input.patch) {
      throw new ServiceFailure(ErrorCode.INVALID_INPUT, 'externalId cannot be changed', 'externalId');
    }
    const merged = mergePatch(current.data, input.patch);
    // The whole profile is re-validated: a patch can never leave an invalid profile behind.
    const schema = current.type === 'PERSON' ? personInputSchema(() => now) : companyInputSchema;
    const parsed = schema.safeParse(merged);
    if (!parsed.success) {
      const e = toServiceError(parsed.error, merged);
      throw new ServiceFailure(e.code, e.message, e.field);
    }
    const next = { ...current, data: parsed.data, updatedAt: now.toISOString() } as Profile;
    next.displayName = next.type === 'PERSON' ? displayNameOf(next) : next.data.companyName;
    if (next.type === 'PERSON') assertUnique(deps, null, next.data.email, next.id);
    if (next.type === 'COMPANY') assertOwners(deps, next.data);
    const changes = diffFields(current.data, next.data);
    if (changes.length === 0) return current;
    const c = deps.cases.byProfileId(current.id);
    tx(() => {
      deps.profiles.update(next);
      if (next.type === 'COMPANY') deps.profiles.setOwners(next.id, next.data.mainOwnerUser, next.data.ownerUsers);
      for (const change of changes) {
        deps.audit.append({
          at: now.toISOString(),
          actor: { id: actor.id, name: actor.displayName },
          type: 'profile.field_edited',
          caseId: c?.id ?? null,
          profileId: current.id,
          payload: { field: change.field, old: change.old, new: change.new, reason: input.reason },
        });
      }
      // An operator changing data under review is kycService's "user-modified" (status 3).
      if (c) deps.cases.touch(c.id, now.toISOString(), { userModified: REVIEWABLE_STATUSES.includes(c.status) });
    });
    return next;
  },
};
