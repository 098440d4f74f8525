import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/errorCodes';
import type { AnalysisResult, Recommendation } from '../../shared/schemas/analysis';
import { openTempService, type TempService } from '../helpers/tempService';
import { caseAt } from '../helpers/caseSetup';
import { snapshotStore } from '../helpers/storeSnapshot';

/** Records an engine result as the engine would, so the policy has something to act on. */
function engineSays(t: TempService, caseId: string, recommendation: Recommendation, failed: 'faceMatch' | null = null): number {
  const result: AnalysisResult = {
    policyVersion: 1,
    recommendation,
    submitResult: recommendation === 'AUTO_APPROVE' ? 1 : 2,
    reasons: [],
    checks: failed ? [{ check: failed, outcome: 'FAIL', reasons: [], ms: null }] : [],
    quality: {},
    mrz: null,
    crossChecks: [],
    faceMatch: null,
    presentationAttack: null,
    timings: {},
    completedAt: new Date().toISOString(),
  };
  t.service.deps.analyses.insert({ id: `r-${caseId}`, caseId, jobId: null, result, now: new Date().toISOString() });
  return t.service.deps.cases.byId(caseId)!.version;
}

describe('four-eyes decisions', () => {
  let t: TempService;
  let staff: string;
  let officer: string;
  let senior: string;
  let senior2: string;
  beforeEach(async () => {
    t = openTempService();
    staff = await t.signInAs('branch_staff');
    officer = await t.signInAs('officer');
    senior = await t.signInAs('senior_officer');
    senior2 = await t.signInAs('senior_officer');
  });
  afterEach(() => t.cleanup());

  it('holds an approval against the engine’s DECLINE until a different senior officer confirms it', async () => {
    const { caseId } = await caseAt(t, staff, officer, 'IN_REVIEW');
    const v = engineSays(t, caseId, 'DECLINE', 'faceMatch');
    const d = await t.service.call('cases.decide', { caseId, action: 'approve', internalComment: 'twin brother, verified by phone', expectedVersion: v }, officer);
    expect(d.ok && d.value).toMatchObject({ state: 'proposed', fourEyesReason: 'approval against the engine’s DECLINE', toStatus: 'APPROVED' });
    expect(t.service.deps.cases.byId(caseId)?.status).toBe('AWAITING_SECOND_REVIEW');
    if (!d.ok) return;

    // An officer may not confirm, nor may the proposer; a different senior officer may.
    const v2 = t.service.deps.cases.byId(caseId)!.version;
    const byOfficer = await t.service.call('cases.review', { decisionId: d.value.id, verdict: 'confirm', expectedVersion: v2 }, officer);
    expect(byOfficer.ok ? null : byOfficer.error.code).toBe(ErrorCode.FORBIDDEN);
    const confirmed = await t.service.call('cases.review', { decisionId: d.value.id, verdict: 'confirm', comment: 'agreed', expectedVersion: v2 }, senior);
    expect(confirmed.ok && confirmed.value).toMatchObject({ state: 'confirmed', reviewerName: 'senior_officer 3', reviewComment: 'agreed' });
    expect(t.service.deps.cases.byId(caseId)?.status).toBe('APPROVED');
    expect(t.service.deps.auditRows.forCase(caseId).map((e) => e.type)).toContain('case.second_review');
  });

  it('never lets the same person propose and confirm', async () => {
    const { caseId } = await caseAt(t, staff, senior, 'IN_REVIEW');
    const v = engineSays(t, caseId, 'MANUAL_REVIEW', 'faceMatch');
    const d = await t.service.call('cases.decide', { caseId, action: 'reject', reasonCode: 'FACE_MISMATCH', expectedVersion: v }, senior);
    expect(d.ok && d.value.fourEyesReason).toBe('the case is high risk');
    if (!d.ok) return;
    const before = snapshotStore(t.service.deps.db);
    const self = await t.service.call('cases.review', { decisionId: d.value.id, verdict: 'confirm', expectedVersion: t.service.deps.cases.byId(caseId)!.version }, senior);
    expect(self.ok ? null : self.error).toMatchObject({ code: ErrorCode.FORBIDDEN, message: expect.stringContaining('same person') });
    expect(snapshotStore(t.service.deps.db)).toEqual(before);
  });

  it('returns a held decision to review with a reason', async () => {
    const { caseId } = await caseAt(t, staff, officer, 'IN_REVIEW');
    const v = engineSays(t, caseId, 'AUTO_APPROVE');
    const d = await t.service.call('cases.decide', { caseId, action: 'reject', reasonCode: 'DATA_MISMATCH', expectedVersion: v }, officer);
    expect(d.ok && d.value.fourEyesReason).toBe('rejection against the engine’s AUTO_APPROVE');
    if (!d.ok) return;
    const v2 = t.service.deps.cases.byId(caseId)!.version;
    const noReason = await t.service.call('cases.review', { decisionId: d.value.id, verdict: 'return', expectedVersion: v2 }, senior2);
    expect(noReason.ok ? null : noReason.error.field).toBe('comment');
    const back = await t.service.call('cases.review', { decisionId: d.value.id, verdict: 'return', comment: 'the address differs only in format', expectedVersion: v2 }, senior2);
    expect(back.ok && back.value.state).toBe('returned');
    expect(t.service.deps.cases.byId(caseId)?.status).toBe('IN_REVIEW');
    // Once settled, it cannot be reviewed again.
    const again = await t.service.call('cases.review', { decisionId: d.value.id, verdict: 'confirm', expectedVersion: t.service.deps.cases.byId(caseId)!.version }, senior);
    expect(again.ok ? null : again.error.code).toBe(ErrorCode.ILLEGAL_TRANSITION);
  });

  it('lets a clean, low-risk decision take effect at once', async () => {
    const { caseId } = await caseAt(t, staff, officer, 'IN_REVIEW');
    const v = engineSays(t, caseId, 'MANUAL_REVIEW');
    const d = await t.service.call('cases.decide', { caseId, action: 'approve', expectedVersion: v }, officer);
    expect(d.ok && d.value).toMatchObject({ state: 'final', fourEyesReason: null });
    expect(t.service.deps.cases.byId(caseId)?.status).toBe('APPROVED');
  });

  it('follows the policy: with four-eyes off, the same approval is final', async () => {
    const admin = await t.signInAs('admin');
    const p = await t.service.call('policy.get', {}, admin);
    if (!p.ok) throw new Error('policy');
    await t.service.call('policy.update', { body: { ...p.value.body, fourEyes: { onEngineDecline: false, onHighRisk: false, onOverride: false, onReject: false } }, note: 'pilot branch' }, admin);
    const { caseId } = await caseAt(t, staff, officer, 'IN_REVIEW');
    const v = engineSays(t, caseId, 'DECLINE', 'faceMatch');
    const d = await t.service.call('cases.decide', { caseId, action: 'approve', expectedVersion: v }, officer);
    expect(d.ok && d.value.state).toBe('final');
  });
});
