import type { CompanyOwner } from '../../../shared/schemas/case';
import { ErrorCode } from '../../../shared/errorCodes';
import type { Profile } from '../../../shared/schemas/profile';
import { ServiceFailure } from '../core/ServiceFailure';
import type { ServiceDeps } from '../core/ServiceDeps';

type Deps = Pick<ServiceDeps, 'profiles' | 'cases'>;

/** A company's owner profile ids, main first, each once. None for a person. */
export function ownerIdsOf(profile: Profile | undefined): string[] {
  if (profile?.type !== 'COMPANY') return [];
  const d = profile.data;
  return [...new Set([d.mainOwnerUser, ...d.ownerUsers].filter((x): x is string => typeof x === 'string' && x.length > 0))];
}

/**
 * A company's owners as an officer reviews them: each PERSON profile by name and external ID, with
 * its own case and status (beneficial owners are verified in their own applications). KillB holds
 * owners as user ids; ours are profile ids. Empty for a person.
 */
export function companyOwners(deps: Deps, profile: Profile): CompanyOwner[] {
  const main = profile.type === 'COMPANY' ? profile.data.mainOwnerUser : undefined;
  return ownerIdsOf(profile).map((id) => {
    const owner = deps.profiles.byId(id);
    const c = owner ? deps.cases.byProfileId(id) : undefined;
    return {
      profileId: id,
      main: id === main,
      displayName: owner?.displayName ?? null,
      externalId: owner?.externalId ?? null,
      caseId: c?.id ?? null,
      caseStatus: c?.status ?? null,
    };
  });
}

/** The companies a person owns, each with its own case and status; empty for a company. */
export function companiesOwned(deps: Deps, profile: Profile): CompanyOwner[] {
  if (profile.type !== 'PERSON') return [];
  return deps.profiles.companiesOwnedBy(profile.id).map((id) => {
    const company = deps.profiles.byId(id);
    const c = company ? deps.cases.byProfileId(id) : undefined;
    return {
      profileId: id,
      main: company?.type === 'COMPANY' && company.data.mainOwnerUser === profile.id,
      displayName: company?.displayName ?? null,
      externalId: company?.externalId ?? null,
      caseId: c?.id ?? null,
      caseStatus: c?.status ?? null,
    };
  });
}

/** Whether a profile's own application is approved (a person without a case is not). */
export function isApproved(deps: Deps, profileId: string): boolean {
  return deps.cases.byProfileId(profileId)?.status === 'APPROVED';
}

/** Whether every owner of a company is approved in their own application (true for a person). */
export function ownersApproved(deps: Deps, profileId: string): boolean {
  return ownerIdsOf(deps.profiles.byId(profileId)).every((id) => isApproved(deps, id));
}

/**
 * A company is approved here only after each of its owners is approved in their own application:
 * approving it would otherwise vouch for people nobody verified (and send them to KillB with it).
 * Refuses an officer's approval, proposed or confirmed; the engine does not approve such a company
 * by itself either. Statuses only in the message: names stay out of errors.
 */
export function assertOwnersApproved(deps: Deps, companyProfileId: string): void {
  const open = ownerIdsOf(deps.profiles.byId(companyProfileId)).filter((id) => !isApproved(deps, id));
  if (open.length === 0) return;
  const statuses = open.map((id) => deps.cases.byProfileId(id)?.status ?? 'no application').join(', ');
  const one = open.length === 1;
  throw new ServiceFailure(
    ErrorCode.OWNERS_NOT_APPROVED,
    `${one ? 'an owner of this company is' : `${open.length} owners of this company are`} not approved in their own application (${statuses}); approve ${one ? 'it' : 'them'} first`,
  );
}
