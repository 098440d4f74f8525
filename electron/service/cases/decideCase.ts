import { ErrorCode } from '../../../shared/errorCodes';
import { reasonKind } from '../../../shared/reasonCodes';
import { CLOSED_STATUSES, type CaseStatus } from '../../../shared/caseStatus';
import { resubmitItemsFor, type Decision, type DecisionAction, type decisionInputSchema } from '../../../shared/schemas/decision';
import type { Operator } from '../../../shared/schemas/operator';
import type { z } from 'zod';
import { ServiceFailure } from '../core/ServiceFailure';
import type { ServiceDeps } from '../core/ServiceDeps';
import { newId } from '../core/newId';
import { loadCase, moveCase } from './caseWorkflow';
import { fourEyesReason } from './fourEyes';
import { decisionAuditPayload } from './decisionAuditPayload';
import { assertRetryAllowed } from './retryAttempts';
import { assertOwnersApproved } from '../profiles/companyOwners';

/** Where each decision may be taken from, and where it leads. */
const DECISION_TARGET: Record<DecisionAction, { from: readonly CaseStatus[]; to: CaseStatus }> = {
  // A held decision is settled through cases.review, never by deciding again.
  approve: { from: ['IN_REVIEW'], to: 'APPROVED' },
  reject: { from: ['IN_REVIEW'], to: 'REJECTED' },
  request_resubmission: { from: ['IN_REVIEW'], to: 'RESUBMISSION_REQUESTED' },
  reset: { from: ['APPROVED', 'REJECTED', 'RESUBMISSION_REQUESTED'], to: 'IN_REVIEW' },
};

/**
 * One officer decision: checks version, assignment, status, reason and items; holds it for a
 * second review when the policy says so; moves the case and audits it. Call inside a transaction.
 * `reasonOptional` serves the kycService admin API, whose rejections carry only a remark.
 */
export function decideCase(
  deps: ServiceDeps,
  actor: Operator,
  now: Date,
  input: z.output<typeof decisionInputSchema>,
  opts: { reasonOptional?: boolean } = {},
): Decision {
      const c = loadCase(deps, input.caseId);
  if (c.version !== input.expectedVersion) {
    throw new ServiceFailure(ErrorCode.STALE_CASE, 'the case changed since you opened it; reload it and decide again');
  }
  // A closed case's assignee is whoever closed it, who may be away or gone: a senior officer may
  // reset it (an owner alert, a late sanctions hit, Didit's word), as only a senior officer takes
  // a case from someone else (assignmentHandlers), and the reset case becomes theirs. A case
  // waiting on the customer (RESUBMISSION_REQUESTED) is not closed: it stays its officer's.
  const reopening = input.action === 'reset' && actor.role === 'senior_officer' && CLOSED_STATUSES.includes(c.status);
  if (c.assigneeId && c.assigneeId !== actor.id && !reopening) {
    throw new ServiceFailure(ErrorCode.FORBIDDEN, `the case is assigned to ${c.assigneeName ?? 'someone else'}; it is read-only for you`);
  }
  const target = DECISION_TARGET[input.action];
  if (!target.from.includes(c.status)) {
    throw new ServiceFailure(ErrorCode.ILLEGAL_TRANSITION, `cannot ${input.action.replace('_', ' ')} a ${c.status} case`);
  }
  if ((input.action === 'request_resubmission' || (input.action === 'reject' && !opts.reasonOptional)) && !input.reasonCode) {
    throw new ServiceFailure(ErrorCode.INVALID_REASON, 'choose a reason from the taxonomy', 'reasonCode');
  }
  if (input.action === 'request_resubmission') {
    if (input.reasonCode && reasonKind(input.reasonCode) !== 'RETRY') {
      throw new ServiceFailure(ErrorCode.INVALID_REASON, 'a resubmission needs a RETRY reason; FINAL reasons reject', 'reasonCode');
    }
    if (input.resubmitItems.length === 0) {
      throw new ServiceFailure(ErrorCode.REQUIRED, 'name what must be resubmitted', 'resubmitItems');
    }
    const profileType = deps.profiles.byId(c.profileId)?.type ?? 'PERSON';
    const allowed = resubmitItemsFor(profileType);
    const refused = input.resubmitItems.find((i) => !allowed.includes(i));
    if (refused) throw new ServiceFailure(ErrorCode.INVALID_INPUT, `a company has no ${refused.toLowerCase()} to resubmit; its owners are verified in their own cases`, 'resubmitItems');
    assertRetryAllowed(deps, c, 'resubmission', now);
  }
  if (input.action === 'approve') assertOwnersApproved(deps, c.profileId);
  if (input.action === 'reset' && !input.internalComment) {
    throw new ServiceFailure(ErrorCode.REQUIRED, 'say why the case is reset', 'internalComment');
  }
  const policy = deps.policies.latest();
  const held = policy ? fourEyesReason(policy.body, c, input.action) : null;
  const decision: Decision = {
    id: newId(),
    caseId: c.id,
    actorId: actor.id,
    actorName: actor.displayName,
    action: input.action,
    fromStatus: c.status,
    toStatus: target.to,
    reasonCode: input.reasonCode ?? null,
    reasonKind: input.reasonCode ? reasonKind(input.reasonCode) : null,
    internalComment: input.internalComment,
    customerMessage: input.customerMessage,
    resubmitItems: input.action === 'request_resubmission' ? input.resubmitItems : [],
    at: now.toISOString(),
    state: held ? 'proposed' : 'final',
    fourEyesReason: held,
    reviewerId: null,
    reviewerName: null,
    reviewedAt: null,
    reviewComment: null,
  };
  moveCase(deps, c, held ? 'AWAITING_SECOND_REVIEW' : target.to, {
    actor,
    now,
    expectedVersion: input.expectedVersion,
    ...(reopening ? { assigneeId: actor.id } : {}),
    payload: {
      decisionId: decision.id,
      action: decision.action,
      reasonCode: decision.reasonCode,
      ...(held ? { fourEyes: held } : {}),
      // Whose case it was, when a senior officer's reset takes it from them.
      ...(reopening && c.assigneeId && c.assigneeId !== actor.id ? { previousAssigneeId: c.assigneeId } : {}),
    },
  });
  deps.decisions.insert(decision);
  deps.audit.append({
    at: decision.at,
    actor: { id: actor.id, name: actor.displayName },
    type: 'case.decision',
    caseId: c.id,
    profileId: c.profileId,
    payload: decisionAuditPayload(decision),
  });
  return decision;
}
