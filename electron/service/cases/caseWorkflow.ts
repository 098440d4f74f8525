import { ErrorCode } from '../../../shared/errorCodes';
import { CLOSED_STATUSES, canTransition, type CaseStatus } from '../../../shared/caseStatus';
import { computeKycLevel, type KycLevelResult } from '../../../shared/kycLevels';
import type { CaseSummary } from '../../../shared/schemas/case';
import { profileFacts } from '../../../shared/profileFacts';
import type { Operator } from '../../../shared/schemas/operator';
import { ServiceFailure } from '../core/ServiceFailure';
import type { ServiceDeps } from '../core/ServiceDeps';
import { enqueueRemoteEffects } from '../sync/enqueueRemoteEffects';
import { auditOwnerStatus } from '../profiles/auditOwnerStatus';

export function loadCase(deps: ServiceDeps, id: string, field = 'id'): CaseSummary {
  const c = deps.cases.byId(id);
  if (!c) throw caseMissing(deps, id, field);
  return c;
}

/**
 * Why a case is not on file: purged (its tombstone says when, on what basis and where in the audit
 * chain; an auditor must be able to show a file was destroyed on schedule, not mistyped) or never
 * there.
 */
export function caseMissing(deps: Pick<ServiceDeps, 'retention'>, id: string, field = 'id'): ServiceFailure {
  const gone = deps.retention.tombstone(id);
  if (!gone) return new ServiceFailure(ErrorCode.NOT_FOUND, 'no such case', field);
  const basis = gone.basis === 'ERASURE' ? 'on an erasure request' : 'under retention';
  return new ServiceFailure(
    ErrorCode.CASE_PURGED,
    `the case was purged ${basis} on ${gone.purgedAt.slice(0, 10)} (closed ${gone.closedAt?.slice(0, 10) ?? 'never'}; tombstone at audit event #${gone.auditSeq}): only its tombstone remains`,
    field,
  );
}

/**
 * The only way a case changes status: checks the status machine and the version the caller
 * saw, writes the change and its audit event. Call inside a transaction.
 */
export function moveCase(
  deps: ServiceDeps,
  c: CaseSummary,
  to: CaseStatus,
  opts: { actor: Pick<Operator, 'id' | 'displayName'> | { id: null; displayName: string }; now: Date; expectedVersion?: number; assigneeId?: string | null; payload?: Record<string, unknown> },
): CaseSummary {
  if (!canTransition(c.status, to)) {
    throw new ServiceFailure(ErrorCode.ILLEGAL_TRANSITION, `a case cannot go from ${c.status} to ${to}`);
  }
  const at = opts.now.toISOString();
  const moved = deps.cases.transition(c.id, opts.expectedVersion ?? c.version, {
    to,
    now: at,
    ...(to === 'SUBMITTED' ? { submittedAt: at } : {}),
    closedAt: CLOSED_STATUSES.includes(to) ? at : null,
    ...(opts.assigneeId !== undefined ? { assigneeId: opts.assigneeId } : {}),
  });
  if (!moved) {
    throw new ServiceFailure(ErrorCode.STALE_CASE, 'the case changed since you opened it; reload it and decide again');
  }
  deps.audit.append({
    at,
    actor: { id: opts.actor.id, name: opts.actor.displayName },
    type: 'case.status_changed',
    caseId: c.id,
    profileId: c.profileId,
    payload: { from: c.status, to, ...opts.payload },
  });
  auditOwnerStatus(deps, { caseId: c.id, profileId: c.profileId, from: c.status, to }, at, { id: opts.actor.id, name: opts.actor.displayName });
  refreshKycLevel(deps, c.id);
  // Every status change passes here, so its remote effects are queued in the same transaction.
  const decisionId = typeof opts.payload?.decisionId === 'string' ? opts.payload.decisionId : null;
  enqueueRemoteEffects(deps, c, to, opts.now, { actorId: opts.actor.id, actorName: opts.actor.displayName, decisionId });
  return loadCase(deps, c.id);
}

/** Recomputes the level from what is on file; the level is never set by hand. */
export function refreshKycLevel(deps: ServiceDeps, caseId: string): KycLevelResult {
  const c = loadCase(deps, caseId);
  const profile = deps.profiles.byId(c.profileId);
  const kinds = new Set(deps.evidenceRows.forCase(caseId).map((e) => e.kind));
  const result = computeKycLevel({
    company: profile?.type === 'COMPANY',
    // Profiles are validated in full on every write, so a stored one is complete, except a
    // kycService applicant, which never gave KillB's contact and address data.
    basicDataValid: profile !== undefined && !profileFacts(profile).applicant,
    hasDocumentFront: kinds.has('DOCUMENT_FRONT'),
    hasSelfie: kinds.has('SELFIE'),
    approved: c.status === 'APPROVED',
    hasInvestmentProfile: profile !== undefined && 'investmentProfile' in profile.data && profile.data.investmentProfile !== undefined,
    hasKycProfile: profile !== undefined && 'kycProfile' in profile.data && profile.data.kycProfile !== undefined,
    hasSourceOfFundsEvidence: kinds.has('SOURCE_OF_FUNDS'),
  });
  if (result.level !== c.kycLevel) deps.cases.setKycLevel(caseId, result.level);
  return result;
}
