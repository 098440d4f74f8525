import { toKycServiceAdminStatus, toKycServiceSubmitResult, toLeapCat } from '../../../../shared/statusMappings';
import type { CaseSummary } from '../../../../shared/schemas/case';
import type { LivenessSession } from '../../../../shared/schemas/liveness';
import { approvedBy } from '../../cases/approvedBy';
import type { RestContext } from './restContext';

/**
 * kycService's `KycStatusDto` (`data.status` of /status/{profileId}): the application's state,
 * its liveness result (ours, and any remote provider's beside it) and the face match.
 */
export async function statusObject(ctx: RestContext, c: CaseSummary) {
  const detail = await ctx.call('cases.get', { id: c.id });
  const s = detail.case;
  // The newest liveness session of the case (the list is newest first).
  const liveness: LivenessSession | null = (await ctx.call('liveness.forCase', { caseId: c.id }))[0] ?? null;
  const remote = (await ctx.call('kycApi.remoteLiveness', { caseId: c.id }))[0] ?? null;
  const face = detail.analysis?.faceMatch ?? null;
  return {
    profileId: s.profileId,
    documentId: s.documentId,
    userId: detail.profile.externalId,
    status: toLeapCat(s.status),
    reviewStatus: toKycServiceAdminStatus(s.status),
    submitResult: toKycServiceSubmitResult(s.status, s.userModified, approvedBy(ctx.service.deps, s)),
    caseStatus: s.status,
    kycLevel: s.kycLevel,
    userModified: s.userModified,
    recommendation: s.recommendation,
    documents: detail.evidence.filter((e) => e.kind !== 'LIVENESS_CLIP').map((e) => ({ kind: e.kind, sha256: e.sha256, createdAt: e.createdAt })),
    liveness: liveness
      ? { sessionId: liveness.id, status: liveness.status, actions: liveness.actions, passedActions: liveness.result?.passedActions ?? null, requiredActions: liveness.result?.requiredActions ?? null, confidence: liveness.result?.confidence ?? null, expiresAt: liveness.expiresAt }
      : null,
    remoteLiveness: remote
      ? { sessionId: remote.sessionId, result: remote.result, verdict: remote.verdict, confidence: remote.confidence, errorMessage: remote.errorMessage, conflict: remote.conflict, receivedAt: remote.receivedAt }
      : null,
    faceMatch: face ? { outcome: face.outcome, matched: face.outcome === 'MATCH', similarity: face.similarity, threshold: face.threshold } : null,
    updatedAt: s.updatedAt,
  };
}
