import { ownersApproved } from '../profiles/companyOwners';
import { settleDiditApproval } from '../sync/diditApproval';
import type { AnalysisResult, MrzResult } from '../../../shared/schemas/analysis';
import type { Evidence, EvidenceKind } from '../../../shared/schemas/evidence';
import { ErrorCode } from '../../../shared/errorCodes';
import type { ServiceDeps } from '../core/ServiceDeps';
import { ServiceFailure } from '../core/ServiceFailure';
import { newId } from '../core/newId';
import { loadCase, moveCase, refreshKycLevel } from '../cases/caseWorkflow';
import type { JobContext } from '../jobs/JobRunner';
import type { AnalysisPool } from './pool/AnalysisPool';
import type { DocumentTaskResult, SelfieTaskResult } from './worker/protocol';
import { crossCheck, mrzLessDocumentType } from './crossChecks';
import { recommend } from './recommend';
import { screenCase, type ReadDocument } from '../screening/screenCase';
import { icaoToAlpha2 } from '../../../shared/countries';
import { screenCaseSanctions } from '../screening/screenCaseSanctions';
import { storedFaceScore } from './face/storedFaceScore';
import { queueFaceSweep } from '../screening/faceBackfillJob';
import { FACE_DESCRIPTION_VERSION } from '../../../shared/faceDescriptionVersion';
import { caseLiveness } from './caseLiveness';
import { SYSTEM_ACTOR_NAMES } from '../../../shared/systemActors';

export const SYSTEM_ENGINE_ACTOR = { id: null, displayName: SYSTEM_ACTOR_NAMES.engine } as const;

/** The document number the MRZ gives, when its check digit verifies (an unverified read could flag the wrong person). */
function readDocument(mrz: MrzResult | null): ReadDocument | null {
  const n = mrz?.fields.documentNumber;
  if (!mrz || !n || n.checkDigitValid !== true || !n.value) return null;
  return { number: n.value, country: icaoToAlpha2(mrz.fields.issuingState.value) ?? null };
}

function latest(evidence: Evidence[], kind: EvidenceKind): Evidence | undefined {
  return evidence.filter((e) => e.kind === kind).at(-1);
}

/**
 * The `analysis.case` job: the document work (quality, MRZ) on an OCR worker and the selfie
 * work (quality, face match, presentation attack) on a face worker, at the same time; then
 * cross-checks and the recommendation here, stored with the policy version that produced it.
 */
export async function runCaseAnalysis(deps: ServiceDeps, pool: AnalysisPool, ctx: JobContext): Promise<{ timings: Record<string, number> }> {
  const caseId = ctx.job.caseId;
  if (!caseId) throw new ServiceFailure(ErrorCode.INVALID_INPUT, 'analysis job without a case');
  const c = loadCase(deps, caseId);
  const profile = deps.profiles.byId(c.profileId);
  const policy = deps.policies.latest();
  if (!profile || !policy) throw new ServiceFailure(ErrorCode.INTERNAL, 'case has no profile or store has no policy');
  const evidence = deps.evidenceRows.forCase(caseId);
  const bytes = (e: Evidence | undefined) => (e ? new Uint8Array(deps.evidenceFiles.get(e.sha256)) : null);
  const front = bytes(latest(evidence, 'DOCUMENT_FRONT'));
  const back = bytes(latest(evidence, 'DOCUMENT_BACK'));
  const selfie = bytes(latest(evidence, 'SELFIE'));
  const on = policy.body.checks;

  const share = { document: 0, selfie: 0 };
  const report = (part: keyof typeof share) => (step: string, fraction: number) => {
    share[part] = fraction;
    ctx.progress(step, (share.document + share.selfie) / 2);
  };
  ctx.progress('queued', 0);
  const background = ctx.job.lane === 'background';
  const [doc, face] = await Promise.all([
    pool.run<DocumentTaskResult>('ocr', { kind: 'document', front, back, quality: on.quality ? policy.body.quality : null, runMrz: on.mrz }, report('document'), background),
    pool.run<SelfieTaskResult>(
      'face',
      {
        kind: 'selfie',
        selfie,
        document: front,
        quality: on.quality ? policy.body.quality : null,
        faceThreshold: policy.body.is_face_match_enabled ? policy.body.faceMatch.matchThreshold : null,
        padThreshold: on.presentationAttack ? policy.body.presentationAttack.threshold : null,
        selfieVersion1: deps.screening.hasFacesBefore(FACE_DESCRIPTION_VERSION),
      },
      report('selfie'),
      background,
    ),
  ]);
  if (ctx.cancelled()) return { timings: {} };

  const now = deps.clock();
  const timings: Record<string, number> = {
    quality: (doc.timings.quality ?? 0) + (face.timings.quality ?? 0),
    ...(doc.timings.mrz !== undefined ? { mrz: doc.timings.mrz } : {}),
    ...(face.timings.faceMatch !== undefined ? { faceMatch: face.timings.faceMatch } : {}),
    ...(face.timings.presentationAttack !== undefined ? { presentationAttack: face.timings.presentationAttack } : {}),
  };
  const crossChecks = on.crossChecks && doc.mrzRan ? crossCheck(profile, doc.mrz, now) : [];
  // Screening first: its flags are part of the recommendation.
  const { flags, sanctionHits } = deps.db.transaction(() => {
    const selfie = face.selfieFace;
    if (selfie) deps.screening.saveFace(caseId, { descriptor: Float32Array.from(selfie.descriptor), mobileFace: selfie.mobileFace.length ? Float32Array.from(selfie.mobileFace) : null, version: FACE_DESCRIPTION_VERSION }, now.toISOString());
    return {
      flags: screenCase(
        deps,
        caseId,
        now,
        {
          score: storedFaceScore,
          threshold: policy.body.faceMatch.matchThreshold,
          mineVersion1: selfie?.version1Descriptor ? Float32Array.from(selfie.version1Descriptor) : undefined,
        },
        readDocument(doc.mrz),
      ),
      sanctionHits: policy.body.aml.enabled ? screenCaseSanctions(deps, caseId, now, policy.body.aml.reviewThreshold) : [],
    };
  })();
  // The case's face is now the current version; a blocklist entry made from an older face of it is
  // brought forward by the sweep (from the case's recent selfies).
  if (face.selfieFace && deps.screening.hasEntriesBefore(caseId, FACE_DESCRIPTION_VERSION)) queueFaceSweep(deps, now);
  const quality = { ...doc.quality, ...face.quality };
  deps.db.transaction(() => {
    if (ctx.cancelled()) return;
    // The liveness is read in the same transaction as the approval below: a session completed
    // while the workers ran is never missed (its own re-analysis follows anyway).
    const rec = recommend({
      policy: policy.body,
      userModified: c.userModified,
      quality,
      notRun: { ...doc.notRun, ...face.notRun },
      mrz: doc.mrz,
      mrzRan: doc.mrzRan,
      crossChecks,
      faceMatch: face.faceMatch,
      presentationAttack: face.presentationAttack,
      timings,
      flags,
      sanctionHits,
      liveness: caseLiveness(deps, caseId, now),
      mrzLessDocumentType: mrzLessDocumentType(profile),
    });
    const stored: AnalysisResult = {
      policyVersion: policy.version,
      ...rec,
      quality,
      mrz: doc.mrz,
      crossChecks,
      // Kept with the score so the case page draws the bands the score was judged by, even after the policy changes.
      faceMatch: face.faceMatch && { ...face.faceMatch, declineBelow: policy.body.face_match_score_decline_threshold / 100 },
      presentationAttack: face.presentationAttack,
      timings,
      completedAt: now.toISOString(),
    };
    deps.analyses.insert({ id: newId(), caseId, jobId: ctx.job.id, result: stored, now: now.toISOString() });
    deps.audit.append({
      at: now.toISOString(),
      actor: { id: null, name: SYSTEM_ENGINE_ACTOR.displayName },
      type: 'analysis.completed',
      caseId,
      profileId: c.profileId,
      payload: { jobId: ctx.job.id, policyVersion: policy.version, recommendation: stored.recommendation, submitResult: stored.submitResult, reasons: stored.reasons.map((r) => r.code) },
    });
    // Didit's approval held for this analysis takes effect now, unless the analysis objects.
    if (settleDiditApproval(deps, caseId, stored, now)) return;
    const current = loadCase(deps, caseId);
    // kycService result 1: a clean, unmodified submission is approved without an officer; never a
    // company some of whose owners are not approved in their own applications.
    if (stored.submitResult === 1 && stored.recommendation === 'AUTO_APPROVE' && current.status === 'SUBMITTED' && ownersApproved(deps, current.profileId)) {
      moveCase(deps, current, 'APPROVED', { actor: SYSTEM_ENGINE_ACTOR, now, payload: { automatic: true, policyVersion: policy.version } });
    } else {
      deps.cases.touch(caseId, now.toISOString());
      refreshKycLevel(deps, caseId);
    }
  })();
  return { timings };
}
