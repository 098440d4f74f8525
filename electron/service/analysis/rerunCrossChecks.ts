import type { AnalysisResult } from '../../../shared/schemas/analysis';
import type { ServiceDeps } from '../core/ServiceDeps';
import { newId } from '../core/newId';
import { crossCheck } from './crossChecks';
import { recommend } from './recommend';
import { caseLiveness } from './caseLiveness';
import { SYSTEM_ACTOR_NAMES } from '../../../shared/systemActors';

/**
 * After an officer corrects a field, the document is not read again: the stored MRZ is
 * compared with the corrected profile, and the recommendation recomputed as user-modified
 * (kycService status 3). Stored as a new result; the old one stays. Call inside a transaction.
 */
export function rerunCrossChecks(deps: ServiceDeps, caseId: string, now: Date): AnalysisResult | null {
  const previous = deps.analyses.latestForCase(caseId);
  const c = deps.cases.byId(caseId);
  const profile = c && deps.profiles.byId(c.profileId);
  const policy = previous && deps.policies.byVersion(previous.policyVersion);
  if (!previous || !c || !profile || !policy) return null;
  const mrzCheck = previous.checks.find((x) => x.check === 'mrz');
  // The stored reason is carried over as it was worded; one stored before words existed keeps its English.
  const notRun = Object.fromEntries(
    previous.checks
      .filter((x) => x.outcome === 'NOT_RUN' && x.reasons[0])
      .map((x) => [x.check, { message: x.reasons[0]!.message, text: x.reasons[0]!.text }]),
  );
  const crossChecks = policy.body.checks.crossChecks && mrzCheck?.outcome !== 'NOT_RUN' ? crossCheck(profile, previous.mrz, now) : [];
  const rec = recommend({
    policy: policy.body,
    userModified: true,
    quality: previous.quality,
    notRun,
    mrz: previous.mrz,
    mrzRan: mrzCheck !== undefined && mrzCheck.outcome !== 'NOT_RUN',
    crossChecks,
    faceMatch: previous.faceMatch,
    presentationAttack: previous.presentationAttack,
    timings: previous.timings,
    liveness: caseLiveness(deps, caseId, now),
  });
  const result: AnalysisResult = { ...previous, ...rec, crossChecks, completedAt: now.toISOString() };
  deps.analyses.insert({ id: newId(), caseId, jobId: null, result, now: now.toISOString() });
  deps.audit.append({
    at: now.toISOString(),
    actor: { id: null, name: SYSTEM_ACTOR_NAMES.engine },
    type: 'analysis.cross_checks_rerun',
    caseId,
    profileId: c.profileId,
    payload: { policyVersion: policy.version, recommendation: result.recommendation, submitResult: result.submitResult },
  });
  return result;
}
