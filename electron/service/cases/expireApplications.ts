import { AWAITING_CUSTOMER_STATUSES } from '../../../shared/caseStatus';
import { DAY_MS } from '../core/repeatingTimer';
import { ServiceFailure } from '../core/ServiceFailure';
import type { ServiceDeps } from '../core/ServiceDeps';
import { moveCase } from './caseWorkflow';
import { SYSTEM_ACTOR_NAMES } from '../../../shared/systemActors';

/** Who expires applications in the audit chain: the service itself, on its schedule. */
export const EXPIRY_ACTOR = { id: null, displayName: SYSTEM_ACTOR_NAMES.expiry } as const;

export interface ExpiryOutcome {
  /** The cases moved to EXPIRED, the longest idle first. */
  expired: string[];
  /** How many due cases were looked at (expired, or left alone because they changed meanwhile). */
  due: number;
  /** Applications idle since before this instant were due. */
  cutoff: string;
  applicationExpiryDays: number;
  policyVersion: number;
}

/**
 * Expires every application still waiting on the customer (AWAITING_CUSTOMER_STATUSES) with no
 * activity for the current policy's applicationExpiryDays. Each case moves in its own
 * transaction through moveCase, so each expiry is checked against the status machine and
 * audited (case.status_changed to EXPIRED, actor "expiry schedule", with the last activity,
 * the days and the policy version). A case touched since the list was read is left alone.
 * At most `limit` cases are looked at, so a caller can work through a backlog in batches.
 */
export function expireStaleApplications(deps: ServiceDeps, now: Date, limit = Number.MAX_SAFE_INTEGER): ExpiryOutcome {
  const { days, cutoff, policyVersion } = expiryCutoff(deps, now);
  const repo = deps.applicationExpiry;
  const expired: string[] = [];
  const due = repo.staleSince(AWAITING_CUSTOMER_STATUSES, cutoff, limit);
  for (const { caseId } of due) {
    try {
      const moved = deps.db.transaction(() => {
        const c = deps.cases.byId(caseId);
        const last = repo.lastActivityAt(caseId);
        if (!c || !AWAITING_CUSTOMER_STATUSES.includes(c.status) || last === undefined || last >= cutoff) return false;
        moveCase(deps, c, 'EXPIRED', {
          actor: EXPIRY_ACTOR,
          now,
          payload: { expiry: { lastActivityAt: last, applicationExpiryDays: days, policyVersion } },
        });
        return true;
      })();
      if (moved) expired.push(caseId);
    } catch (e) {
      // A case changed under us (stale version) is simply not expired this time.
      if (!(e instanceof ServiceFailure)) throw e;
    }
  }
  return { expired, due: due.length, cutoff, applicationExpiryDays: days, policyVersion };
}

/** The current policy's applicationExpiryDays, and the instant before which no activity leaves an application idle. */
export function expiryCutoff(deps: ServiceDeps, now: Date): { days: number; cutoff: string; policyVersion: number } {
  const policy = deps.policies.latest();
  if (!policy) throw new Error('the store has no verification policy');
  const days = policy.body.applicationExpiryDays;
  return { days, cutoff: new Date(now.getTime() - days * DAY_MS).toISOString(), policyVersion: policy.version };
}
