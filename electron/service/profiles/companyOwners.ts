import type { CompanyOwner } from '../../../shared/schemas/case';
import type { Profile } from '../../../shared/schemas/profile';
import type { ServiceDeps } from '../core/ServiceDeps';

/**
 * A company's owners as an officer reviews them: each PERSON profile by name and external ID, with
 * its own case and status (beneficial owners are verified in their own applications). KillB holds
 * owners as user ids; ours are profile ids. Empty for a person.
 */
export function companyOwners(deps: Pick<ServiceDeps, 'profiles' | 'cases'>, profile: Profile): CompanyOwner[] {
  if (profile.type !== 'COMPANY') return [];
  const d = profile.data;
  const ids = [...new Set([d.mainOwnerUser, ...d.ownerUsers].filter((x): x is string => typeof x === 'string' && x.length > 0))];
  return ids.map((id) => {
    const owner = deps.profiles.byId(id);
    const c = owner ? deps.cases.byProfileId(id) : undefined;
    return {
      profileId: id,
      main: id === d.mainOwnerUser,
      displayName: owner?.displayName ?? null,
      externalId: owner?.externalId ?? null,
      caseId: c?.id ?? null,
      caseStatus: c?.status ?? null,
    };
  });
}
