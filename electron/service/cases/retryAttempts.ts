import { ErrorCode } from '../../../shared/errorCodes';
import type { CaseSummary } from '../../../shared/schemas/case';
import { isInEffect, type Decision } from '../../../shared/schemas/decision';
import type { LivenessSession } from '../../../shared/schemas/liveness';
import { ServiceFailure } from '../core/ServiceFailure';
import type { ServiceDeps } from '../core/ServiceDeps';

type LivenessEvent = { at: string; failed: boolean };

/** Resubmission requests in effect, as events on the liveness timeline (none is a failure). */
const resubmissionRequests = (decisions: readonly Decision[]): LivenessEvent[] =>
  decisions.filter((d) => isInEffect(d) && d.action === 'request_resubmission').map((d) => ({ at: d.at, failed: false }));

/**
 * How many retries a case has used, in the sense of Didit's `max_retry_attempts` (how many
 * times the customer may try again after a failed verification). Worked out from what is
 * stored, never kept as a counter that could drift:
 *
 * - a resubmission request in effect is one retry: a reviewer sent the application back to the
 *   customer. A reset that withdraws it while the case still waits on the customer (a reset
 *   from RESUBMISSION_REQUESTED) gives the retry back, since the customer never used it;
 * - a liveness session started when the last thing that happened to the case's liveness was a
 *   failed session is one retry. A session started after a resubmission request is the
 *   request's own retry, not a second one.
 *
 * Restarting an expired application is not a retry: nothing failed, the customer was away.
 */
export function countRetries(decisions: readonly Decision[], sessions: readonly LivenessSession[]): { resubmissions: number; livenessRetries: number } {
  let resubmissions = 0;
  for (const d of decisions) {
    if (!isInEffect(d)) continue;
    if (d.action === 'request_resubmission') resubmissions += 1;
    else if (d.action === 'reset' && d.fromStatus === 'RESUBMISSION_REQUESTED') resubmissions = Math.max(0, resubmissions - 1);
  }
  const requests = resubmissionRequests(decisions);
  let livenessRetries = 0;
  for (const s of sessions) {
    if (lastLivenessEventBefore(s.createdAt, requests, sessions, s.id)?.failed) livenessRetries += 1;
  }
  return { resubmissions, livenessRetries };
}

/**
 * The latest completed liveness session or resubmission request at or before `at` (ISO
 * timestamps compare as strings), ignoring the session `exceptId` itself.
 */
function lastLivenessEventBefore(
  at: string,
  requests: readonly LivenessEvent[],
  sessions: readonly LivenessSession[],
  exceptId?: string,
): LivenessEvent | undefined {
  const completions = sessions
    .filter((s) => s.id !== exceptId && s.completedAt !== null && (s.status === 'PASSED' || s.status === 'FAILED'))
    .map((s): LivenessEvent => ({ at: s.completedAt ?? '', failed: s.status === 'FAILED' }));
  // On equal times the request wins: it was made knowing of the failure.
  return [...completions, ...requests]
    .filter((e) => e.at <= at)
    .sort((a, b) => a.at.localeCompare(b.at) || Number(b.failed) - Number(a.failed))
    .at(-1);
}

/** The case's retries against the current policy's max_retry_attempts. */
export function retryBudget(deps: ServiceDeps, caseId: string, now: Date): { used: number; max: number } {
  const { resubmissions, livenessRetries } = countRetries(deps.decisions.forCase(caseId), deps.liveness.byCase(caseId, now));
  const max = deps.policies.latest()?.body.max_retry_attempts ?? 0;
  return { used: resubmissions + livenessRetries, max };
}

/**
 * Refuses a retry the policy no longer allows (CASE.0005): a resubmission request, or a
 * liveness session started right after a failed one. Call inside the transaction that writes it.
 */
export function assertRetryAllowed(deps: ServiceDeps, c: CaseSummary, kind: 'resubmission' | 'liveness', now: Date): void {
  if (kind === 'liveness') {
    const last = lastLivenessEventBefore(now.toISOString(), resubmissionRequests(deps.decisions.forCase(c.id)), deps.liveness.byCase(c.id, now));
    // A first attempt, or one after a pass or a resubmission request, is not a retry.
    if (!last?.failed) return;
  }
  const { used, max } = retryBudget(deps, c.id, now);
  if (used < max) return;
  throw new ServiceFailure(
    ErrorCode.RETRY_LIMIT,
    kind === 'resubmission'
      ? `the customer has had ${used} of the ${max} retries the policy allows (max_retry_attempts); reject the case with a FINAL reason instead`
      : `liveness failed and the customer has had ${used} of the ${max} retries the policy allows (max_retry_attempts); submit the application with the failed result`,
    kind === 'resubmission' ? 'action' : 'caseId',
  );
}
