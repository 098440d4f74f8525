import { ErrorCode } from '../../../shared/errorCodes';
import type { CompanyInput, ProfileType } from '../../../shared/schemas/profile';
import { ServiceFailure } from '../core/ServiceFailure';
import type { ServiceDeps } from '../core/ServiceDeps';

/**
 * USER.0001 and USER.0003: one profile per externalId; an email registered to one person and to one
 * company (KillB refuses a second user of the same type with it, so a second company with the same
 * email could be approved here but never created there). A company and a person may share one.
 */
export function assertUnique(deps: ServiceDeps, externalId: string | null, type: ProfileType, email: string | null | undefined, exceptId?: string): void {
  if (externalId !== null && deps.profiles.existsExternalId(externalId)) {
    throw new ServiceFailure(ErrorCode.USER_EXISTS, 'a profile with this externalId already exists', 'externalId');
  }
  if (email && deps.profiles.emailTaken(type, email, exceptId)) {
    throw new ServiceFailure(ErrorCode.EMAIL_REGISTERED, `this email is already registered to another ${type === 'PERSON' ? 'person' : 'company'}`, 'email');
  }
}

/** USER.0007: company owners are existing PERSON profiles. */
export function assertOwners(deps: ServiceDeps, data: CompanyInput): void {
  // mainOwnerUser is optional (KillB); the schema already demands at least one owner.
  const owners: [string, string][] = [
    ...(data.mainOwnerUser !== undefined ? [['mainOwnerUser', data.mainOwnerUser] as [string, string]] : []),
    ...data.ownerUsers.map((id, i): [string, string] => [`ownerUsers.${i}`, id]),
  ];
  for (const [field, id] of owners) {
    if (deps.profiles.typeOf(id) !== 'PERSON') {
      throw new ServiceFailure(ErrorCode.INVALID_OWNER, 'owners must be existing PERSON profiles', field);
    }
  }
}

