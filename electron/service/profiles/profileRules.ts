import { ErrorCode } from '../../../shared/errorCodes';
import type { CompanyInput } from '../../../shared/schemas/profile';
import { ServiceFailure } from '../core/ServiceFailure';
import type { ServiceDeps } from '../core/ServiceDeps';

/** USER.0001 and USER.0003: one profile per externalId, one person per email. */
export function assertUnique(deps: ServiceDeps, externalId: string | null, personEmail: string | null, exceptId?: string): void {
  if (externalId !== null && deps.profiles.existsExternalId(externalId)) {
    throw new ServiceFailure(ErrorCode.USER_EXISTS, 'a profile with this externalId already exists', 'externalId');
  }
  if (personEmail !== null && deps.profiles.personEmailTaken(personEmail, exceptId)) {
    throw new ServiceFailure(ErrorCode.EMAIL_REGISTERED, 'this email is already registered to another person', 'email');
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

