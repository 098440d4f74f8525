import { ServiceFailure } from '../core/ServiceFailure';
import type { ServiceDeps } from '../core/ServiceDeps';
import { EXPIRY_ACTOR, expiryCutoff } from '../cases/expireApplications';
import { discardApplication } from './discardApplication';

export interface IdleDiscardOutcome {
  /** The applications discarded, the longest idle first. */
  discarded: string[];
  /** How many idle ones were looked at (discarded, or left because they changed meanwhile). */
  due: number;
  cutoff: string;
}

/**
 * Discards every application that never got a profile and has had no activity for the current
 * policy's applicationExpiryDays: the period after which a customer's unfinished application
 * expires. One with a profile expires and can be restarted (expireApplications.ts); one without
 * holds no customer on file, only a consent, documents or a draft typed for someone who never
 * came back, which are not kept for nothing. Each goes in its own transaction, audited with its
 * last activity, the days and the policy version; at most `limit` are looked at.
 */
export function discardIdleApplications(deps: ServiceDeps, now: Date, limit = Number.MAX_SAFE_INTEGER): IdleDiscardOutcome {
  const { days, cutoff, policyVersion } = expiryCutoff(deps, now);
  const due = deps.intake.idleWithoutProfile(cutoff, limit);
  const discarded: string[] = [];
  for (const { profileId, updatedAt } of due) {
    try {
      discardApplication(deps, profileId, { id: null, name: EXPIRY_ACTOR.displayName }, now, { lastActivityAt: updatedAt, applicationExpiryDays: days, policyVersion });
      discarded.push(profileId);
    } catch (e) {
      // Touched, given a profile or discarded by someone since it was listed: left alone this time.
      if (!(e instanceof ServiceFailure)) throw e;
    }
  }
  return { discarded, due: due.length, cutoff };
}
