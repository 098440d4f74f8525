import { REVIEWABLE_STATUSES, type CaseStatus } from '../../../shared/caseStatus';
import { ErrorCode } from '../../../shared/errorCodes';
import { applicantDataSchema, companyInputSchema, storedCompanyInputSchema, isApplicant, personInputSchema, type Profile } from '../../../shared/schemas/profile';
import { toServiceError } from '../../../shared/zodErrors';
import type { Operator } from '../../../shared/schemas/operator';
import { ServiceFailure } from '../core/ServiceFailure';
import type { ServiceDeps } from '../core/ServiceDeps';
import { displayNameOf } from '../repositories/ProfileRepository';
import { diffFields, mergePatch, type FieldChange } from './diffFields';
import { assertOwners, assertUnique } from './profileRules';

/** A decision was made on the profile as it stands (or awaits its second review). */
const DECIDED_STATUSES: readonly CaseStatus[] = ['APPROVED', 'REJECTED', 'AWAITING_SECOND_REVIEW'];

/**
 * Applies a partial profile, re-validates the whole profile, and audits every changed field
 * with its old and new value, who and why. Call inside a transaction.
 */
export function applyProfilePatch(
  deps: ServiceDeps,
  p: { profileId: string; patch: Record<string, unknown>; reason: string; actor: Operator; now: Date },
): Profile & { changes?: FieldChange[] } {
  const current = deps.profiles.byId(p.profileId);
  if (!current) throw new ServiceFailure(ErrorCode.NOT_FOUND, 'no such profile', 'id');
  if ('externalId' in p.patch) throw new ServiceFailure(ErrorCode.INVALID_INPUT, 'externalId cannot be changed', 'externalId');
  const merged = mergePatch(current.data, p.patch);
  const parsed = validateMerged(current, merged, p.patch, p.now);
  if (!parsed.success) {
    const e = toServiceError(parsed.error, merged);
    throw new ServiceFailure(e.code, e.message, e.field);
  }
  const next = { ...current, data: parsed.data, updatedAt: p.now.toISOString() } as Profile;
  next.displayName = next.type === 'PERSON' ? displayNameOf(next) : next.data.companyName;
  // Checked when the email changes: two companies that shared one before the rule (migration 39)
  // stay editable.
  if ('email' in next.data && next.data.email !== ('email' in current.data ? current.data.email : undefined)) assertUnique(deps, null, next.type, next.data.email, next.id);
  if (next.type === 'COMPANY') assertOwners(deps, next.data);
  const changes = diffFields(current.data, next.data);
  if (changes.length === 0) return current;
  const c = deps.cases.byProfileId(current.id);
  // A decision covers the data it was made on: changing a name or document under it would leave an
  // approval of someone nobody verified (and a KillB user with the old data).
  if (c && DECIDED_STATUSES.includes(c.status)) {
    throw new ServiceFailure(ErrorCode.CASE_DECIDED, `the case is ${c.status}: its profile is not edited; an officer resets it to review first`);
  }
  deps.profiles.update(next);
  if (next.type === 'COMPANY') deps.profiles.setOwners(next.id, next.data.mainOwnerUser, next.data.ownerUsers);
  for (const change of changes) {
    deps.audit.append({
      at: p.now.toISOString(),
      actor: { id: p.actor.id, name: p.actor.displayName },
      type: 'profile.field_edited',
      caseId: c?.id ?? null,
      profileId: current.id,
      payload: { field: change.field, old: change.old, new: change.new, reason: p.reason },
    });
  }
  // An operator changing data under review is kycService's "user-modified" (status 3).
  if (c) deps.cases.touch(c.id, p.now.toISOString(), { userModified: REVIEWABLE_STATUSES.includes(c.status) });
  return next;
}

/** KillB's contact and address parts: sending any of them to an applicant means "make this a full person". */
const COMPLETING_FIELDS = ['email', 'phone', 'address'] as const;

/**
 * The whole profile is re-validated: a patch can never leave an invalid profile behind. A
 * kycService applicant stays an applicant (validated as one) until a patch brings KillB's
 * contact data; from then on it must pass as a full person, or the patch is refused.
 */
function validateMerged(current: Profile, merged: unknown, patch: Record<string, unknown>, now: Date) {
  // A patch that leaves the document alone is not refused for a document accepted under older rules.
  if (current.type === 'COMPANY') return ('document' in patch ? companyInputSchema : storedCompanyInputSchema).safeParse(merged);
  if (isApplicant(current.data) && !COMPLETING_FIELDS.some((k) => k in patch)) return applicantDataSchema.safeParse(merged);
  // Completing an applicant: its stage and sign-up country give way to KillB's full person.
  const person: Record<string, unknown> = { ...(merged as Record<string, unknown>) };
  delete person.stage;
  delete person.country;
  return personInputSchema(() => now).safeParse(person);
}
