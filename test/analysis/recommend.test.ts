import { describe, expect, it } from 'vitest';
import { recommend, type LivenessInput, type RecommendInput } from '../../electron/service/analysis/recommend';
import { engineWords } from '../../shared/schemas/engineText';
import { DEFAULT_POLICY } from '../../electron/service/analysis/defaultPolicy';
import type { QualityResult } from '../../shared/schemas/analysis';

const passedLiveness: LivenessInput = { status: 'PASSED', passedActions: 3, requiredActions: 3, faceMatch: { reference: 'selfie', similarity: 0.7, threshold: 0.5, detail: null }, remoteVerdict: null };
const goodQuality: QualityResult = { width: 1000, height: 700, measures: [], acceptable: true, reasons: [] };
const base: RecommendInput = {
  policy: DEFAULT_POLICY,
  userModified: false,
  quality: { front: goodQuality, selfie: goodQuality },
  notRun: {},
  mrz: { format: 'TD3', lines: [], fields: {} as never, checkDigits: [], valid: true, corrections: 0, confidence: 1 },
  mrzRan: true,
  crossChecks: [{ code: 'NAME_MISMATCH', outcome: 'PASS', detail: '', expected: null, found: null }],
  faceMatch: { outcome: 'MATCH', similarity: 0.8, threshold: 0.5 },
  presentationAttack: { score: 0.1, threshold: 0.5, attack: false, signals: [] },
  timings: {},
  liveness: passedLiveness,
};

describe('the recommendation', () => {
  it('auto-approves a clean case (kycService result 1)', () => {
    expect(recommend(base)).toMatchObject({ recommendation: 'AUTO_APPROVE', submitResult: 1, reasons: [] });
  });

  it('sends a user-modified case to review (result 3), even when clean', () => {
    expect(recommend({ ...base, userModified: true })).toMatchObject({ recommendation: 'MANUAL_REVIEW', submitResult: 3 });
  });

  it('asks for review on any doubt, with the reason code', () => {
    const r = recommend({ ...base, quality: { front: { ...goodQuality, acceptable: false, reasons: ['BLURRY'] } } });
    expect(r).toMatchObject({ recommendation: 'MANUAL_REVIEW', submitResult: 2 });
    // English for the API and the PDF, and the words the UI shows in the officer's language.
    expect(r.reasons).toEqual([{ code: 'BLURRY_DOCUMENT', message: 'document front: blurry', text: { key: 'qualityProblem', params: { image: { term: 'front' }, problem: { term: 'BLURRY' } } } }]);
    expect(recommend({ ...base, mrz: null }).reasons.map((x) => x.code)).toContain('NO_MRZ');
    // A declared document that never has an MRZ: the same review, worded as expected.
    const licence = recommend({ ...base, mrz: null, mrzLessDocumentType: 'DRIVER_LICENSE' });
    expect(licence.recommendation).toBe('MANUAL_REVIEW');
    expect(licence.reasons.find((x) => x.code === 'NO_MRZ')).toMatchObject({ message: 'a DRIVER_LICENSE carries no machine-readable zone: compare the document with the profile by eye', text: { key: 'noMrzForType' } });
    expect(recommend({ ...base, faceMatch: null, notRun: { faceMatch: engineWords('noSelfieOnFile') } }).reasons).toContainEqual({ code: 'FACE_NOT_RUN', ...engineWords('noSelfieOnFile') });
  });

  it('declines only on final evidence: a clear face mismatch, an underage applicant', () => {
    expect(recommend({ ...base, faceMatch: { outcome: 'NO_MATCH', similarity: 0.1, threshold: 0.5 } })).toMatchObject({ recommendation: 'DECLINE', reasons: [expect.objectContaining({ code: 'FACE_MISMATCH' })] });
    expect(recommend({ ...base, faceMatch: { outcome: 'NO_MATCH', similarity: 0.45, threshold: 0.5 } }).recommendation).toBe('MANUAL_REVIEW');
    expect(recommend({ ...base, crossChecks: [{ code: 'UNDERAGE', outcome: 'FAIL', detail: 'Age on the document: 16', expected: '18+', found: '16' }] })).toMatchObject({ recommendation: 'DECLINE', reasons: [{ code: 'UNDERAGE', message: 'Age on the document: 16' }] });
  });

  it("declines a face below Didit's face_match_score_decline_threshold (0-100) and reviews one between it and the match threshold", () => {
    const noMatch = (similarity: number) => ({ ...base, faceMatch: { outcome: 'NO_MATCH' as const, similarity, threshold: 0.5 } });
    const at = (threshold: number) => ({ ...DEFAULT_POLICY, face_match_score_decline_threshold: threshold });
    // Score 35 sits between the shipped decline threshold (30) and the match threshold (50).
    expect(recommend(noMatch(0.35)).recommendation).toBe('MANUAL_REVIEW');
    const stricter = recommend({ ...noMatch(0.35), policy: at(40) });
    expect(stricter).toMatchObject({ recommendation: 'DECLINE', reasons: [{ code: 'FACE_MISMATCH', message: 'face match score 35 below the decline threshold 40 (similarity 0.350)' }] });
    // "Below" is strict, and the score is exact: similarity 0.3 is score 30, not 30.000000000000004.
    expect(recommend({ ...noMatch(0.3), policy: at(30) }).recommendation).toBe('MANUAL_REVIEW');
    expect(recommend({ ...noMatch(0.29), policy: at(30) }).recommendation).toBe('DECLINE');
  });

  it('leaves the face match out when is_face_match_enabled is off', () => {
    const r = recommend({ ...base, policy: { ...DEFAULT_POLICY, is_face_match_enabled: false }, faceMatch: { outcome: 'NO_MATCH', similarity: 0.1, threshold: 0.5 } });
    expect(r.checks.map((c) => c.check)).not.toContain('faceMatch');
    expect(r.recommendation).toBe('AUTO_APPROVE');
  });

  it('follows the policy: disabled checks are not run, and autoApprove off means review', () => {
    const off = { ...DEFAULT_POLICY, checks: { ...DEFAULT_POLICY.checks, presentationAttack: false }, autoApprove: false };
    const r = recommend({ ...base, policy: off, presentationAttack: null });
    expect(r.checks.map((c) => c.check)).not.toContain('presentationAttack');
    expect(r).toMatchObject({ recommendation: 'MANUAL_REVIEW', reasons: [{ code: 'POLICY' }] });
  });
});

describe('the presentation-attack score', () => {
  it('never declines alone: an attack score sends the case to an officer with its reason', () => {
    const r = recommend({ ...base, presentationAttack: { score: 0.9, threshold: 0.5, attack: true, signals: [] } });
    expect(r).toMatchObject({ recommendation: 'MANUAL_REVIEW', reasons: [{ code: 'PRESENTATION_ATTACK', message: 'attack score 0.90 at or above 0.5' }] });
    expect(r.checks.find((c) => c.check === 'presentationAttack')?.outcome).toBe('FAIL');
  });
});

describe('liveness in the recommendation', () => {
  const withLiveness = (l: Partial<LivenessInput>) => recommend({ ...base, liveness: { ...passedLiveness, ...l } });
  const codes = (r: ReturnType<typeof recommend>) => r.reasons.map((x) => x.code);

  it('auto-approves only on a passed session whose face matched the selfie', () => {
    expect(withLiveness({})).toMatchObject({ recommendation: 'AUTO_APPROVE', reasons: [] });
    expect(withLiveness({}).checks.find((c) => c.check === 'liveness')?.outcome).toBe('PASS');
  });

  it('sends a failed, missing, pending or expired liveness to an officer, never to AUTO_APPROVE nor DECLINE', () => {
    const failed = withLiveness({ status: 'FAILED', passedActions: 1 });
    expect(failed).toMatchObject({ recommendation: 'MANUAL_REVIEW', reasons: [{ code: 'LIVENESS_FAILED', message: 'the liveness challenge failed: 1 of 3 required actions seen' }] });
    expect(codes(withLiveness({ status: null, faceMatch: null }))).toEqual(['LIVENESS_NOT_RUN']);
    expect(codes(withLiveness({ status: 'PENDING', faceMatch: null }))).toEqual(['LIVENESS_NOT_COMPLETED']);
    expect(withLiveness({ status: 'EXPIRED', faceMatch: null }).recommendation).toBe('MANUAL_REVIEW');
  });

  it('fails the liveness when the person in the clips is not the person in the selfie', () => {
    const r = withLiveness({ faceMatch: { reference: 'selfie', similarity: 0.31, threshold: 0.5, detail: null } });
    expect(r).toMatchObject({ recommendation: 'MANUAL_REVIEW', reasons: [{ code: 'LIVENESS_FACE_MISMATCH', message: 'the person in the liveness clips is not the person in the selfie (similarity 0.310 below 0.5)' }] });
    expect(r.checks.find((c) => c.check === 'liveness')?.outcome).toBe('FAIL');
    expect(codes(withLiveness({ faceMatch: null }))).toEqual(['LIVENESS_FACE_NOT_COMPARED']);
  });

  it('gives a session failed on its face alone that reason only, not "failed: 3 of 3 actions seen"', () => {
    const other = { reference: 'selfie' as const, similarity: 0.31, threshold: 0.5, detail: null };
    // As the liveness handler stores it: every action seen, FAILED because the face is another's.
    expect(codes(withLiveness({ status: 'FAILED', passedActions: 3, requiredActions: 3, faceMatch: other }))).toEqual(['LIVENESS_FACE_MISMATCH']);
    // Short of actions too: both reasons.
    expect(codes(withLiveness({ status: 'FAILED', passedActions: 1, requiredActions: 3, faceMatch: other }))).toEqual(['LIVENESS_FAILED', 'LIVENESS_FACE_MISMATCH']);
    // Failed with every action seen and no face to blame (a stored session of another shape): still said.
    expect(codes(withLiveness({ status: 'FAILED', passedActions: 3, requiredActions: 3 }))).toContain('LIVENESS_FAILED');
  });

  it('reads a remote verdict as a signal only: a remote failure asks an officer, a remote pass is no local pass', () => {
    expect(codes(withLiveness({ remoteVerdict: 'FAILED' }))).toEqual(['LIVENESS_REMOTE_FAILED']);
    expect(withLiveness({ status: null, faceMatch: null, remoteVerdict: 'PASSED' }).recommendation).toBe('MANUAL_REVIEW');
  });

  it('leaves liveness out when checks.liveness is off (behaviour as before)', () => {
    const off = { ...DEFAULT_POLICY, checks: { ...DEFAULT_POLICY.checks, liveness: false } };
    const r = recommend({ ...base, policy: off, liveness: { status: 'FAILED', passedActions: 0, requiredActions: 3, faceMatch: null, remoteVerdict: 'FAILED' } });
    expect(r.checks.map((c) => c.check)).not.toContain('liveness');
    expect(r.recommendation).toBe('AUTO_APPROVE');
  });
});

describe('screening flags in the recommendation', () => {
  const flag = (kind: 'BLOCKLIST_FACE' | 'DUPLICATE_DOCUMENT', singleModel = false) => ({ id: 'f', kind, otherCaseId: 'c2', otherCaseName: 'X', blocklistId: null, score: null, singleModel, detail: `${kind} detail`, detailText: null, createdAt: '' });
  it('declines a blocklist hit and reviews a duplicate', () => {
    expect(recommend({ ...base, flags: [flag('BLOCKLIST_FACE')] })).toMatchObject({ recommendation: 'DECLINE', reasons: [{ code: 'BLOCKLISTED', message: 'BLOCKLIST_FACE detail' }] });
    expect(recommend({ ...base, flags: [flag('DUPLICATE_DOCUMENT')] })).toMatchObject({ recommendation: 'MANUAL_REVIEW', reasons: [{ code: 'DUPLICATE_ACCOUNT' }] });
    // A blocklisted face matched by one model alone (no fused score for that pair) goes to an officer.
    expect(recommend({ ...base, flags: [flag('BLOCKLIST_FACE', true)] })).toMatchObject({ recommendation: 'MANUAL_REVIEW', reasons: [{ code: 'BLOCKLISTED', message: 'BLOCKLIST_FACE detail' }] });
  });

  it('reviews a sanctions hit at the review threshold, declines one above the decline threshold or confirmed, ignores a cleared one', () => {
    const hit = (score: number, disposition: 'TRUE_POSITIVE' | 'FALSE_POSITIVE' | null = null) => ({ source: 'ofac_sdn', entryId: '22790', matchedName: 'MADURO MOROS, Nicolas', score, disposition });
    const { reviewThreshold, declineThreshold } = DEFAULT_POLICY.aml;
    expect(recommend({ ...base, sanctionHits: [hit(reviewThreshold)] })).toMatchObject({
      recommendation: 'MANUAL_REVIEW',
      reasons: [{ code: 'SANCTIONS_MATCH', message: `possible match on ofac_sdn entry 22790 ("MADURO MOROS, Nicolas", score ${reviewThreshold})` }],
    });
    expect(recommend({ ...base, sanctionHits: [hit(declineThreshold + 1)] })).toMatchObject({ recommendation: 'DECLINE', reasons: [{ code: 'SANCTIONS_MATCH' }] });
    expect(recommend({ ...base, sanctionHits: [hit(reviewThreshold, 'TRUE_POSITIVE')] })).toMatchObject({ recommendation: 'DECLINE' });
    expect(recommend({ ...base, sanctionHits: [hit(100, 'FALSE_POSITIVE')] })).toMatchObject({ recommendation: 'AUTO_APPROVE' });
    expect(recommend({ ...base, policy: { ...DEFAULT_POLICY, aml: { ...DEFAULT_POLICY.aml, enabled: false } }, sanctionHits: [hit(100)] })).toMatchObject({ recommendation: 'AUTO_APPROVE' });
  });
});
