import type { AnalysisResult, CheckResult, CrossCheck, FaceMatchResult, MrzResult, PresentationAttackResult, QualityResult, Reason, Recommendation } from '../../../shared/schemas/analysis';
import { engineWords, type Worded } from '../../../shared/schemas/engineText';
import { faceMatchScore, type PolicyBody } from '../../../shared/schemas/policy';
import type { CaseFlag } from '../../../shared/schemas/screening';
import type { LivenessFaceMatch } from '../../../shared/schemas/liveness';
import type { ScreeningHitRecord } from '../../../shared/schemas/sanctions';

const reason = (code: string, w: Worded | Pick<Reason, 'message' | 'text'>): Reason => ({ code, message: w.message, ...(w.text ? { text: w.text } : {}) });

export interface RecommendInput {
  policy: PolicyBody;
  userModified: boolean;
  quality: Record<string, QualityResult>;
  /** Per step: why it produced no result (missing evidence, unreadable file). */
  notRun: Record<string, Pick<Reason, 'message' | 'text'>>;
  mrz: MrzResult | null;
  mrzRan: boolean;
  crossChecks: CrossCheck[];
  faceMatch: FaceMatchResult | null;
  presentationAttack: PresentationAttackResult | null;
  timings: Record<string, number>;
  /** Screening flags: blocklist hits decline, duplicates go to review. */
  flags?: CaseFlag[];
  /** Sanctions and PEP hits not cleared by an officer (see policy.aml). */
  sanctionHits?: Pick<ScreeningHitRecord, 'source' | 'entryId' | 'matchedName' | 'score' | 'disposition'>[];
  /** The case's liveness, read when the policy's `checks.liveness` is on (see caseLiveness). */
  liveness: LivenessInput;
  /** The document type the profile declares, when it is one that never carries an MRZ (a driving licence). */
  mrzLessDocumentType?: string | null;
}

/**
 * What the decision needs from a case's liveness: its newest local session (older ones were
 * superseded by a retry), the face comparison made when that session was verified, and the
 * newest remote provider verdict. A remote verdict is only a signal: it can send a case to an
 * officer but never stands in for a passed local session.
 */
export interface LivenessInput {
  /** The newest local session's status; null when the case has none. */
  status: 'PENDING' | 'PASSED' | 'FAILED' | 'EXPIRED' | null;
  /** Actions passed and required, for the reason's wording. */
  passedActions: number | null;
  requiredActions: number | null;
  /** The clips' face against the selfie (or the document portrait); null when never compared. */
  faceMatch: LivenessFaceMatch | null;
  remoteVerdict: 'PASSED' | 'FAILED' | 'UNKNOWN' | null;
}

const QUALITY_TO_REASON: Record<string, string> = {
  BLURRY: 'BLURRY_DOCUMENT',
  LOW_RESOLUTION: 'BLURRY_DOCUMENT',
  TOO_DARK: 'BLURRY_DOCUMENT',
  OVEREXPOSED: 'GLARE_ON_DOCUMENT',
  GLARE: 'GLARE_ON_DOCUMENT',
  DOCUMENT_TOO_SMALL: 'DOCUMENT_CUT_OFF',
};
/** The quality record's image names are the terms for them. */
const imageTerm = (image: string): 'front' | 'back' | 'selfie' => (image === 'selfie' || image === 'back' ? image : 'front');
/** Cross-check failures that close the case rather than ask for a retry. */
const FINAL_CROSS_CHECKS: Record<string, string> = { UNDERAGE: 'UNDERAGE' };
const CROSS_TO_REASON: Record<string, string> = {
  NAME_MISMATCH: 'DATA_MISMATCH',
  BIRTH_DATE_MISMATCH: 'DATA_MISMATCH',
  DOCUMENT_NUMBER_MISMATCH: 'DATA_MISMATCH',
  NATIONALITY_MISMATCH: 'DATA_MISMATCH',
  DOCUMENT_EXPIRED: 'DOCUMENT_EXPIRED',
  CHECK_DIGITS_FAILED: 'SUSPECTED_FORGERY',
  DOCUMENT_TYPE_NOT_ACCEPTED: 'DOCUMENT_NOT_ACCEPTED',
  NO_MRZ: 'DATA_MISMATCH',
};

/**
 * Per-check outcomes and one overall recommendation, each with its reasons. DECLINE only for
 * evidence that is final on its face (a clear face mismatch, an underage applicant, a blocklist
 * hit); anything uncertain, a suspected presentation attack or a failed liveness included, goes
 * to a person.
 */
export function recommend(i: RecommendInput): Omit<AnalysisResult, 'policyVersion' | 'completedAt' | 'quality' | 'mrz' | 'crossChecks' | 'faceMatch' | 'presentationAttack' | 'timings'> {
  const checks: CheckResult[] = [];
  const review: Reason[] = [];
  const decline: Reason[] = [];
  const on = i.policy.checks;

  if (on.quality) {
    const failing = Object.entries(i.quality).filter(([, q]) => !q.acceptable);
    const reasons = failing.flatMap(([image, q]) =>
      q.reasons.map((r) => reason(image === 'selfie' ? 'SELFIE_QUALITY' : (QUALITY_TO_REASON[r] ?? 'BLURRY_DOCUMENT'), engineWords('qualityProblem', { image: { term: imageTerm(image) }, problem: { term: r } }))),
    );
    const notRun = Object.keys(i.quality).length === 0;
    const noImages = reason('NO_IMAGES', i.notRun.quality ?? engineWords('noImageAssessed'));
    checks.push({ check: 'quality', outcome: notRun ? 'NOT_RUN' : failing.length ? 'FAIL' : 'PASS', reasons: notRun ? [noImages] : reasons, ms: i.timings.quality ?? null });
    review.push(...reasons);
    if (notRun) review.push(noImages);
  }

  if (on.mrz) {
    const outcome = !i.mrzRan ? 'NOT_RUN' : !i.mrz ? 'WARN' : i.mrz.valid ? 'PASS' : 'FAIL';
    const reasons: Reason[] =
      outcome === 'NOT_RUN'
        ? [reason('MRZ_NOT_RUN', i.notRun.mrz ?? engineWords('noDocumentImage'))]
        : outcome === 'WARN'
          ? [reason('NO_MRZ', i.mrzLessDocumentType ? engineWords('noMrzForType', { documentType: { documentType: i.mrzLessDocumentType } }) : engineWords('noMrzFound'))]
          : outcome === 'FAIL'
            ? [reason('SUSPECTED_FORGERY', engineWords('mrzDigitsFail'))]
            : [];
    checks.push({ check: 'mrz', outcome, reasons, ms: i.timings.mrz ?? null });
    if (outcome !== 'PASS') review.push(...reasons);
  }

  if (on.crossChecks) {
    const bad = i.crossChecks.filter((c) => c.outcome === 'FAIL' || c.outcome === 'WARN');
    const crossReason = (c: CrossCheck) => reason(FINAL_CROSS_CHECKS[c.code] ?? CROSS_TO_REASON[c.code] ?? c.code, { message: c.detail, text: c.detailText });
    const reasons = bad.map(crossReason);
    const outcome = i.crossChecks.length === 0 ? 'NOT_RUN' : i.crossChecks.some((c) => c.outcome === 'FAIL') ? 'FAIL' : bad.length ? 'WARN' : 'PASS';
    checks.push({ check: 'crossChecks', outcome, reasons, ms: null });
    for (const c of bad) {
      const r = crossReason(c);
      if (c.outcome === 'FAIL' && FINAL_CROSS_CHECKS[c.code]) decline.push(r);
      else review.push(r);
    }
  }

  if (i.policy.is_face_match_enabled) {
    const f = i.faceMatch;
    if (!f) {
      const r = reason('FACE_NOT_RUN', i.notRun.faceMatch ?? engineWords('noFacePair'));
      checks.push({ check: 'faceMatch', outcome: 'NOT_RUN', reasons: [r], ms: null });
      review.push(r);
    } else if (f.outcome === 'MATCH') {
      checks.push({ check: 'faceMatch', outcome: 'PASS', reasons: [], ms: i.timings.faceMatch ?? null });
    } else {
      // Didit's face_match_score_decline_threshold is on its 0-100 score scale.
      const declineBelow = i.policy.face_match_score_decline_threshold;
      const score = f.similarity === null ? null : faceMatchScore(f.similarity);
      const clear = f.outcome === 'NO_MATCH' && score !== null && score < declineBelow;
      const similarity = f.similarity?.toFixed(3) ?? '';
      const words =
        f.outcome === 'NO_MATCH'
          ? clear
            ? engineWords('faceBelowDecline', { score: String(score), threshold: String(declineBelow), similarity })
            : engineWords('faceBelowThreshold', { similarity, threshold: String(f.threshold) })
          : f.outcome === 'MULTIPLE_FACES_SELFIE'
            ? engineWords('multipleFacesSelfie')
            : f.outcome === 'NO_FACE_SELFIE'
              ? engineWords('noFaceSelfie')
              : engineWords('noPortrait');
      const r = reason(f.outcome === 'NO_MATCH' ? 'FACE_MISMATCH' : 'SELFIE_QUALITY', words);
      checks.push({ check: 'faceMatch', outcome: f.outcome === 'NO_MATCH' ? 'FAIL' : 'WARN', reasons: [r], ms: i.timings.faceMatch ?? null });
      (clear ? decline : review).push(r);
    }
  }

  if (on.presentationAttack) {
    const p = i.presentationAttack;
    if (!p) checks.push({ check: 'presentationAttack', outcome: 'NOT_RUN', reasons: [reason('PAD_NOT_RUN', i.notRun.presentationAttack ?? engineWords('noSelfie'))], ms: null });
    else {
      const reasons = p.attack ? [reason('PRESENTATION_ATTACK', engineWords('attackScore', { score: p.score.toFixed(2), threshold: String(p.threshold) }))] : [];
      checks.push({ check: 'presentationAttack', outcome: p.attack ? 'FAIL' : 'PASS', reasons, ms: i.timings.presentationAttack ?? null });
      // A hand-set score that also flags ordinary photos: it asks an officer to look, never declines alone.
      review.push(...reasons);
    }
  }

  if (on.liveness) {
    const r = livenessReasons(i.liveness);
    checks.push({ check: 'liveness', outcome: r.outcome, reasons: r.reasons, ms: null });
    // A failed or missing liveness goes to an officer, never to DECLINE: the challenge also fails
    // on a poor camera, bad light or a customer who misread it (a RETRY reason), and its detectors
    // are not accurate enough to close an application alone. Never AUTO_APPROVE either: only a
    // passed session whose face matched the selfie lets a case through without a person.
    review.push(...r.reasons);
  }

  for (const f of i.flags ?? []) {
    // A blocklisted face matched by one model alone is a lead for an officer, not grounds to decline.
    const words = { message: f.detail, text: f.detailText ?? undefined };
    if (f.kind.startsWith('BLOCKLIST') && !f.singleModel) decline.push(reason('BLOCKLISTED', words));
    else if (f.kind.startsWith('BLOCKLIST')) review.push(reason('BLOCKLISTED', words));
    else review.push(reason('DUPLICATE_ACCOUNT', words));
  }

  if (i.policy.aml.enabled) {
    for (const h of i.sanctionHits ?? []) {
      if (h.disposition === 'FALSE_POSITIVE') continue;
      const confirmed = h.disposition === 'TRUE_POSITIVE';
      const r = reason('SANCTIONS_MATCH', engineWords(confirmed ? 'sanctionsConfirmed' : 'sanctionsPossible', { source: h.source, entryId: h.entryId, name: h.matchedName, score: String(h.score) }));
      if (confirmed || h.score > i.policy.aml.declineThreshold) decline.push(r);
      else if (h.score >= i.policy.aml.reviewThreshold) review.push(r);
    }
  }

  const recommendation: Recommendation = decline.length ? 'DECLINE' : review.length || !i.policy.autoApprove ? 'MANUAL_REVIEW' : 'AUTO_APPROVE';
  const reasons = recommendation === 'DECLINE' ? decline : recommendation === 'MANUAL_REVIEW' ? (review.length ? review : [reason('POLICY', engineWords('policyReview'))]) : [];
  const submitResult = recommendation === 'AUTO_APPROVE' && !i.userModified ? 1 : i.userModified ? 3 : 2;
  return { recommendation: i.userModified && recommendation === 'AUTO_APPROVE' ? 'MANUAL_REVIEW' : recommendation, submitResult, reasons, checks };
}

/** The liveness check's outcome and the reasons an officer reads; no reason only for a clean pass. */
function livenessReasons(l: LivenessInput): { outcome: CheckResult['outcome']; reasons: Reason[] } {
  const reasons: Reason[] = [];
  let outcome: CheckResult['outcome'];
  const f = l.faceMatch;
  const otherPerson = !!f && f.similarity !== null && f.similarity < f.threshold;
  if (l.status === null) {
    outcome = 'NOT_RUN';
    reasons.push(reason('LIVENESS_NOT_RUN', engineWords('livenessNone')));
  } else if (l.status === 'PENDING' || l.status === 'EXPIRED') {
    outcome = 'WARN';
    reasons.push(reason('LIVENESS_NOT_COMPLETED', engineWords(l.status === 'EXPIRED' ? 'livenessExpired' : 'livenessPending')));
  } else if (l.status === 'FAILED') {
    outcome = 'FAIL';
    const { passedActions: passed, requiredActions: required } = l;
    // A session whose actions were all seen failed on its face alone: that reason follows, and
    // "3 of 3 required actions seen" under "failed" would only confuse.
    if (passed === null || required === null) reasons.push(reason('LIVENESS_FAILED', engineWords('livenessFailed')));
    else if (passed < required || !otherPerson) reasons.push(reason('LIVENESS_FAILED', engineWords('livenessFailedActions', { passed: String(passed), required: String(required) })));
  } else outcome = 'PASS';
  // The clips' face, whatever the actions said: a session performed by someone else is no liveness.
  if (l.status === 'PASSED' || l.status === 'FAILED') {
    if (f && f.similarity !== null && otherPerson) {
      outcome = 'FAIL';
      reasons.push(reason('LIVENESS_FACE_MISMATCH', engineWords('livenessOtherPerson', { reference: { term: f.reference === 'selfie' ? 'selfie' : 'portrait' }, similarity: f.similarity.toFixed(3), threshold: String(f.threshold) })));
    } else if (!f || f.similarity === null) {
      if (outcome === 'PASS') outcome = 'WARN';
      reasons.push(reason('LIVENESS_FACE_NOT_COMPARED', f?.detail ? { message: f.detail, text: f.detailText ?? undefined } : engineWords('livenessNotCompared')));
    }
  }
  if (l.remoteVerdict === 'FAILED') {
    if (outcome === 'PASS') outcome = 'WARN';
    reasons.push(reason('LIVENESS_REMOTE_FAILED', engineWords('livenessRemoteFailed')));
  }
  return { outcome, reasons };
}
