import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/errorCodes';
import type { AnalysisResult } from '../../shared/schemas/analysis';
import type { Decision } from '../../shared/schemas/decision';
import type { LivenessSession } from '../../shared/schemas/liveness';
import type { PolicyBody } from '../../shared/schemas/policy';
import { countRetries } from '../../electron/service/cases/retryAttempts';
import { openTempService, type TempService } from '../helpers/tempService';
import { caseAt } from '../helpers/caseSetup';
import { snapshotStore } from '../helpers/storeSnapshot';
import { must } from '../helpers/retentionSetup';

describe("Didit's workflow knobs in the service", () => {
  let t: TempService;
  let admin: string;
  let staff: string;
  let officer: string;
  beforeEach(async () => {
    t = openTempService();
    admin = await t.signInAs('admin');
    staff = await t.signInAs('branch_staff');
    officer = await t.signInAs('officer');
  });
  afterEach(() => t.cleanup());

  async function setPolicy(patch: Partial<PolicyBody>): Promise<number> {
    const current = must(await t.service.call('policy.get', {}, admin));
    return must(await t.service.call('policy.update', { body: { ...current.body, ...patch }, note: 'test' }, admin)).version;
  }

  describe('face_match_score_decline_threshold', () => {
    /** A case under review whose stored analysis (under `policyVersion`) found a face score of 35. */
    async function caseWithFaceScore35(policyVersion: number) {
      const { caseId } = await caseAt(t, staff, officer, 'IN_REVIEW');
      const result: AnalysisResult = {
        policyVersion,
        recommendation: 'MANUAL_REVIEW',
        submitResult: 2,
        reasons: [],
        checks: [],
        quality: {},
        mrz: null,
        crossChecks: [],
        faceMatch: { outcome: 'NO_MATCH', similarity: 0.35, threshold: 0.5 },
        presentationAttack: { score: 0.1, threshold: 0.5, attack: false, signals: [] },
        timings: {},
        completedAt: new Date().toISOString(),
      };
      t.service.deps.analyses.insert({ id: `r-${caseId}`, caseId, jobId: null, result, now: new Date().toISOString() });
      return { caseId, version: t.service.deps.cases.byId(caseId)!.version };
    }

    it('drives the decline: the same score 35 is reviewed under 30 and declined under 40', async () => {
      const underDefault = await caseWithFaceScore35(1);
      const v2 = await setPolicy({ face_match_score_decline_threshold: 40 });
      const underStricter = await caseWithFaceScore35(v2);
      // A field correction re-runs the recommendation with the policy its analysis named.
      const rerun = async (c: { caseId: string; version: number }) =>
        must(await t.service.call('cases.editField', { caseId: c.caseId, field: 'middleName', value: 'María', reason: 'as on the document', expectedVersion: c.version }, officer)).analysis;
      expect((await rerun(underDefault))?.recommendation).toBe('MANUAL_REVIEW');
      const declined = await rerun(underStricter);
      expect(declined).toMatchObject({ recommendation: 'DECLINE', policyVersion: v2, reasons: [{ code: 'FACE_MISMATCH' }] });
      expect(t.service.deps.cases.byId(underStricter.caseId)).toMatchObject({ recommendation: 'DECLINE', risk: 'HIGH' });
    });
  });

  describe('max_retry_attempts', () => {
    const requestResubmission = (caseId: string, expectedVersion: number) =>
      t.service.call('cases.decide', { caseId, action: 'request_resubmission', reasonCode: 'BLURRY_DOCUMENT', resubmitItems: ['DOCUMENT_FRONT'], customerMessage: 'Please retake the photo.', expectedVersion }, officer);

    /** The customer answers the request: submits again, and the officer takes the case back. */
    async function customerResubmits(caseId: string): Promise<number> {
      must(await t.service.call('cases.submit', { id: caseId }, staff));
      return must(await t.service.call('cases.claim', { id: caseId }, officer)).version;
    }

    it('allows that many resubmission requests and refuses the next with CASE.0005, writing nothing', async () => {
      await setPolicy({ max_retry_attempts: 2 });
      const { caseId, version: first } = await caseAt(t, staff, officer, 'IN_REVIEW');
      let version = first;
      for (let i = 0; i < 2; i += 1) {
        must(await requestResubmission(caseId, version));
        version = await customerResubmits(caseId);
      }
      const before = snapshotStore(t.service.deps.db);
      const third = await requestResubmission(caseId, version);
      expect(third.ok ? null : third.error).toMatchObject({ code: ErrorCode.RETRY_LIMIT, message: expect.stringContaining('2 of the 2 retries') });
      expect(snapshotStore(t.service.deps.db)).toEqual(before);
      // A FINAL rejection is still possible.
      expect((await t.service.call('cases.decide', { caseId, action: 'reject', reasonCode: 'SUSPECTED_FORGERY', expectedVersion: version }, officer)).ok).toBe(true);
    });

    it('gives the retry back when a request is withdrawn before the customer answered it', async () => {
      await setPolicy({ max_retry_attempts: 1 });
      const { caseId, version } = await caseAt(t, staff, officer, 'IN_REVIEW');
      must(await requestResubmission(caseId, version));
      const sent = t.service.deps.cases.byId(caseId)!;
      const reset = must(await t.service.call('cases.decide', { caseId, action: 'reset', internalComment: 'asked by mistake', expectedVersion: sent.version }, officer));
      expect(reset.toStatus).toBe('IN_REVIEW');
      expect((await requestResubmission(caseId, t.service.deps.cases.byId(caseId)!.version)).ok).toBe(true);
    });

    it('counts a liveness session started after a failed one, and refuses the one past the limit', async () => {
      await setPolicy({ max_retry_attempts: 1 });
      const { caseId } = await caseAt(t, staff, officer, 'IN_PROGRESS');
      const liveness = t.service.deps.liveness;
      // Verifying needs the engine; the outcome of a verification is what counts, so it is stored directly.
      const fail = (sessionId: string) => liveness.complete(sessionId, 'FAILED', null, new Date().toISOString());
      const first = must(await t.service.call('liveness.start', { caseId }, staff));
      expect(fail(first.id)).toBe(true);
      const retry = must(await t.service.call('liveness.start', { caseId }, staff));
      expect(fail(retry.id)).toBe(true);
      const before = snapshotStore(t.service.deps.db);
      const refused = await t.service.call('liveness.start', { caseId }, staff);
      expect(refused.ok ? null : refused.error).toMatchObject({ code: ErrorCode.RETRY_LIMIT, message: expect.stringContaining('max_retry_attempts') });
      expect(snapshotStore(t.service.deps.db)).toEqual(before);
    });

    it('does not count a first liveness session, or one after a pass', async () => {
      await setPolicy({ max_retry_attempts: 0 });
      const { caseId } = await caseAt(t, staff, officer, 'IN_PROGRESS');
      const first = must(await t.service.call('liveness.start', { caseId }, staff));
      expect(t.service.deps.liveness.complete(first.id, 'PASSED', null, new Date().toISOString())).toBe(true);
      expect((await t.service.call('liveness.start', { caseId }, staff)).ok).toBe(true);
    });
  });
});

describe('what counts as a retry (countRetries)', () => {
  const decision = (action: Decision['action'], at: string, extra: Partial<Decision> = {}): Decision => ({
    id: `d-${at}`,
    caseId: 'c',
    actorId: 'o',
    actorName: 'O',
    action,
    fromStatus: 'IN_REVIEW',
    toStatus: action === 'request_resubmission' ? 'RESUBMISSION_REQUESTED' : 'IN_REVIEW',
    reasonCode: null,
    reasonKind: null,
    internalComment: '',
    customerMessage: '',
    resubmitItems: [],
    at,
    state: 'final',
    fourEyesReason: null,
    reviewerId: null,
    reviewerName: null,
    reviewedAt: null,
    reviewComment: null,
    ...extra,
  });
  const session = (id: string, createdAt: string, status: LivenessSession['status'], completedAt: string | null): LivenessSession => ({
    id,
    caseId: 'c',
    actions: ['blink'],
    status,
    createdAt,
    expiresAt: createdAt,
    completedAt,
    result: null,
  });

  it('counts requests in effect, less withdrawn ones', () => {
    const decisions = [
      decision('request_resubmission', '2026-01-01T00:00:00.000Z'),
      decision('request_resubmission', '2026-01-02T00:00:00.000Z', { state: 'returned' }),
      decision('reset', '2026-01-03T00:00:00.000Z', { fromStatus: 'RESUBMISSION_REQUESTED' }),
      decision('request_resubmission', '2026-01-04T00:00:00.000Z'),
      decision('reset', '2026-01-05T00:00:00.000Z', { fromStatus: 'APPROVED' }),
    ];
    expect(countRetries(decisions, [])).toEqual({ resubmissions: 1, livenessRetries: 0 });
  });

  it('counts a liveness session as a retry only right after a failure, not after a pass, an unused session or a resubmission request', () => {
    const sessions = [
      session('s1', '2026-01-01T00:00:00.000Z', 'FAILED', '2026-01-01T00:01:00.000Z'),
      // Retry 1: straight after the failure.
      session('s2', '2026-01-01T00:02:00.000Z', 'EXPIRED', null),
      // Retry 2: s2 was never verified, so the last outcome is still s1's failure.
      session('s3', '2026-01-01T00:10:00.000Z', 'FAILED', '2026-01-01T00:11:00.000Z'),
      // After a resubmission request (at 00:20): the request's own retry.
      session('s4', '2026-01-01T00:30:00.000Z', 'PASSED', '2026-01-01T00:31:00.000Z'),
      // After a pass: not a retry.
      session('s5', '2026-01-01T00:40:00.000Z', 'PENDING', null),
    ];
    expect(countRetries([decision('request_resubmission', '2026-01-01T00:20:00.000Z')], sessions)).toEqual({ resubmissions: 1, livenessRetries: 2 });
  });
});
