import { ErrorCode } from '../../../shared/errorCodes';
import { AWAITING_CUSTOMER_STATUSES, type CaseStatus } from '../../../shared/caseStatus';
import type { Operator } from '../../../shared/schemas/operator';
import type { ProfileType } from '../../../shared/schemas/profile';
import { ServiceFailure } from '../core/ServiceFailure';
import type { ServiceDeps } from '../core/ServiceDeps';

/** Statuses in which onboarding may still change the customer's file: those waiting on the customer. */
export const EDITABLE_STATUSES: readonly CaseStatus[] = AWAITING_CUSTOMER_STATUSES;

/**
 * The customer behind a profileId: an application reserved by intake.begin, or a profile made
 * elsewhere (which gets its application row on the first onboarding change). Call in a transaction.
 */
export function ensureApplication(deps: Pick<ServiceDeps, 'intake' | 'profiles'>, profileId: string, actor: Operator, now: Date): { profileId: string; type: ProfileType } {
  const repo = deps.intake;
  const app = repo.application(profileId);
  if (app) return { profileId, type: app.type };
  const type = deps.profiles.typeOf(profileId);
  if (!type) throw new ServiceFailure(ErrorCode.NOT_FOUND, 'no customer with this profileId', 'profileId');
  repo.insertApplication({ profileId, type, createdBy: actor.id, at: now.toISOString() });
  return { profileId, type };
}

/** The type of the customer, without writing anything; NOT_FOUND when unknown. */
export function customerType(deps: Pick<ServiceDeps, 'intake' | 'profiles'>, profileId: string): ProfileType {
  const type = deps.intake.application(profileId)?.type ?? deps.profiles.typeOf(profileId);
  if (!type) throw new ServiceFailure(ErrorCode.NOT_FOUND, 'no customer with this profileId', 'profileId');
  return type;
}

/** Refuses changes once the case is submitted (LeapCat: "already under review") or closed ("already completed"). */
export function assertEditable(deps: Pick<ServiceDeps, 'cases'>, profileId: string): void {
  const c = deps.cases.byProfileId(profileId);
  if (!c || EDITABLE_STATUSES.includes(c.status)) return;
  if (c.status === 'EXPIRED') {
    throw new ServiceFailure(ErrorCode.INTAKE_COMPLETED, 'the application expired without activity; restart it (cases.restart) to carry on');
  }
  if (c.status === 'APPROVED' || c.status === 'REJECTED') {
    throw new ServiceFailure(ErrorCode.INTAKE_COMPLETED, `onboarding is already completed (${c.status}); nothing can be changed`);
  }
  throw new ServiceFailure(ErrorCode.INTAKE_UNDER_REVIEW, 'the application is already under review; wait for the reviewer');
}
