import { ErrorCode } from '../../../shared/errorCodes';
import type { CompanyInput, PersonInput, Profile } from '../../../shared/schemas/profile';
import type { Operator } from '../../../shared/schemas/operator';
import { ServiceFailure } from '../core/ServiceFailure';
import type { ServiceDeps } from '../core/ServiceDeps';
import { newId } from '../core/newId';
import { displayNameOf } from '../repositories/ProfileRepository';
import { moveCase, refreshKycLevel, loadCase } from '../cases/caseWorkflow';
import { screenCase } from '../screening/screenCase';
import { applyProfilePatch } from '../profiles/applyProfilePatch';
import { assertOwners, assertUnique } from '../profiles/profileRules';

export type PersonalInfo = { type: 'PERSON'; data: PersonInput } | { type: 'COMPANY'; data: CompanyInput };

interface Call {
  deps: ServiceDeps;
  actor: Operator;
  now: Date;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A patch that turns `current` into `next` under mergePatch: keys `next` drops become null (removed). */
function replacementPatch(current: Record<string, unknown>, next: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(current), ...Object.keys(next)])) {
    const a = current[key];
    const b = next[key];
    if (b === undefined) out[key] = null;
    else out[key] = isPlainObject(a) && isPlainObject(b) ? replacementPatch(a, b) : b;
  }
  return out;
}

/**
 * Creates the profile under the reserved profileId with its case, moves the documents held with
 * the application onto the case, and starts the case; everything audited. Call in a transaction.
 */
function createProfile({ deps, actor, now }: Call, profileId: string, info: PersonalInfo): Profile {
  const at = now.toISOString();
  assertUnique(deps, info.data.externalId, info.type, info.data.email);
  if (info.type === 'COMPANY') assertOwners(deps, info.data);
  const profile: Profile =
    info.type === 'PERSON'
      ? { id: profileId, type: 'PERSON', externalId: info.data.externalId, displayName: displayNameOf(info), createdAt: at, updatedAt: at, data: info.data }
      : { id: profileId, type: 'COMPANY', externalId: info.data.externalId, displayName: info.data.companyName, createdAt: at, updatedAt: at, data: info.data };
  deps.profiles.insert(profile);
  if (profile.type === 'COMPANY') deps.profiles.setOwners(profile.id, profile.data.mainOwnerUser, profile.data.ownerUsers);
  const caseId = newId();
  deps.cases.insert({ id: caseId, profileId, status: 'NOT_STARTED', kycLevel: 'L0', now: at });
  const who = { id: actor.id, name: actor.displayName };
  deps.audit.append({ at, actor: who, type: 'profile.created', caseId, profileId, payload: { type: profile.type, externalId: profile.externalId, via: 'onboarding' } });
  const repo = deps.intake;
  for (const d of repo.pendingDocuments(profileId)) {
    const evidenceId = newId();
    deps.evidenceRows.insert({
      id: evidenceId,
      caseId,
      kind: d.kind,
      sha256: d.sha256,
      mimeType: d.mimeType as Parameters<ServiceDeps['evidenceRows']['insert']>[0]['mimeType'],
      byteSize: d.byteSize,
      fileName: d.fileName,
      createdAt: d.createdAt,
      createdBy: d.createdBy,
    });
    repo.markMoved(d.id, evidenceId);
    deps.audit.append({ at, actor: who, type: 'evidence.added', caseId, profileId, payload: { evidenceId, kind: d.kind, sha256: d.sha256, byteSize: d.byteSize, fromOnboarding: d.id } });
  }
  moveCase(deps, loadCase(deps, caseId), 'IN_PROGRESS', { actor, now, payload: { via: 'onboarding' } });
  refreshKycLevel(deps, caseId);
  // Document screening needs only the profile: a blocklisted or reused number shows at once.
  screenCase(deps, caseId, now);
  return profile;
}

/** The personal-information step: creates the profile, or corrects it while onboarding is open. */
export function savePersonalInfo(call: Call, profileId: string, type: 'PERSON' | 'COMPANY', info: PersonalInfo): Profile {
  const { deps, actor, now } = call;
  const current = deps.profiles.byId(profileId);
  if (current && current.type !== type) {
    throw new ServiceFailure(ErrorCode.INVALID_INPUT, `this customer is a ${current.type}, not a ${type}`, 'type');
  }
  const app = deps.intake.application(profileId);
  if (!current && app && app.type !== type) {
    throw new ServiceFailure(ErrorCode.INVALID_INPUT, `this application is for a ${app.type}, not a ${type}`, 'type');
  }
  if (!current) return createProfile(call, profileId, info);
  if (info.data.externalId !== current.externalId) {
    throw new ServiceFailure(ErrorCode.INVALID_INPUT, 'externalId cannot be changed', 'data.externalId');
  }
  // externalId is the customer's key: it was checked equal above and stays out of the patch.
  const withoutKey = (data: object): Record<string, unknown> => Object.fromEntries(Object.entries(data).filter(([k]) => k !== 'externalId'));
  const patch = replacementPatch(withoutKey(current.data), withoutKey(info.data));
  return applyProfilePatch(deps, { profileId, patch, reason: 'corrected during onboarding', actor, now });
}
