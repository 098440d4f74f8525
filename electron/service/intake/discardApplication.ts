import { ErrorCode } from '../../../shared/errorCodes';
import type { IntakeDiscarded } from '../../../shared/schemas/intake';
import type { AuditActor } from '../audit/AuditLog';
import { ServiceFailure } from '../core/ServiceFailure';
import type { ServiceDeps } from '../core/ServiceDeps';
import { deleteEvidenceFiles } from '../retention/purgeCase';

/** Why the expiry schedule discarded an application: when it was last touched, under which policy. */
export interface IdleDiscard {
  lastActivityAt: string;
  applicationExpiryDays: number;
  policyVersion: number;
}

/**
 * Deletes an application that never got a profile: its consent and agreement records,
 * documents, attached uploads and draft in one transaction, then the stored files no other
 * record names. The audit keeps `intake.discarded` with counts only (the records held the
 * personal data; the event must not). A customer with a profile is refused (INTAKE_HAS_PROFILE):
 * erasure and retention apply to them. `idle` is set when the expiry schedule discards it.
 */
export function discardApplication(deps: ServiceDeps, profileId: string, actor: AuditActor, now: Date, idle?: IdleDiscard): IntakeDiscarded {
  const { removed, filesToDelete } = deps.db.transaction(() => {
    const app = deps.intake.application(profileId);
    if (deps.profiles.typeOf(profileId)) throw new ServiceFailure(ErrorCode.INTAKE_HAS_PROFILE, 'the customer has a profile: only an erasure request removes it', 'profileId');
    if (!app) throw new ServiceFailure(ErrorCode.NOT_FOUND, 'no application with this profileId', 'profileId');
    // Touched since the schedule listed it: someone is working on it, it is not idle.
    if (idle && app.updated_at > idle.lastActivityAt) throw new ServiceFailure(ErrorCode.STALE_CASE, 'the application changed since it was found idle', 'profileId');
    const files = deps.intake.applicationFileHashes(profileId);
    const removed = deps.intake.deleteApplication(profileId);
    const filesToDelete = files.filter((sha) => !deps.casePurge.fileStillReferenced(sha));
    deps.audit.append({
      at: now.toISOString(),
      actor,
      type: 'intake.discarded',
      profileId,
      payload: { type: app.type, removed, filesDeleted: filesToDelete.length, ...(idle ? { idle } : {}) },
    });
    return { removed, filesToDelete };
  })();
  // After the commit, never before: a rolled-back discard must leave every file.
  deleteEvidenceFiles(deps, filesToDelete);
  return { profileId, removed, filesDeleted: filesToDelete.length };
}
