import type { ServiceDeps } from '../core/ServiceDeps';
import type { LivenessInput } from './recommend';

/**
 * A case's liveness as the recommendation reads it: the newest local session (a retry supersedes
 * the sessions before it) with the face comparison stored when it was verified, and the newest
 * remote provider verdict, which stays a signal only (recommend never passes on it alone).
 */
export function caseLiveness(deps: Pick<ServiceDeps, 'liveness' | 'remoteLiveness'>, caseId: string, now: Date): LivenessInput {
  const session = deps.liveness.byCase(caseId, now)[0];
  const remote = deps.remoteLiveness.forCase(caseId)[0];
  return {
    status: session?.status ?? null,
    passedActions: session?.result?.passedActions ?? null,
    requiredActions: session?.result?.requiredActions ?? null,
    faceMatch: session?.result?.faceMatch ?? null,
    remoteVerdict: remote?.verdict ?? null,
  };
}
