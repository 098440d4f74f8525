import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/errorCodes';
import type { AnalysisResult, MrzResult } from '../../shared/schemas/analysis';
import { crossCheck } from '../../electron/service/analysis/crossChecks';
import { openTempService, type TempService } from '../helpers/tempService';
import { caseAt } from '../helpers/caseSetup';
import { snapshotStore } from '../helpers/storeSnapshot';

const field = (value: string) => ({ value, source: 'MRZ' as const, confidence: 0.9, checkDigitValid: true });
const mrz: MrzResult = {
  format: 'TD3',
  lines: ['P<COLRESTREPO<<VALENTINA<<<<<<<<<<<<<<<<<<<<', 'AQ52819344COL9004120F3101012<<<<<<<<<<<<<<02'],
  fields: {
    documentCode: field('P'),
    issuingState: field('COL'),
    surname: field('RESTREPO'),
    givenNames: field('VALENTINA'),
    documentNumber: field('AQ5281934'),
    nationality: field('COL'),
    birthDate: field('900412'),
    sex: field('F'),
    expiryDate: field('310101'),
    personalNumber: null,
  },
  checkDigits: [{ name: 'documentNumber', valid: true }],
  valid: true,
  corrections: 0,
  confidence: 0.9,
};

describe('correcting an OCR field', () => {
  let t: TempService;
  let staff: string;
  let officer: string;
  beforeEach(async () => {
    t = openTempService();
    staff = await t.signInAs('branch_staff');
    officer = await t.signInAs('officer');
  });
  afterEach(() => t.cleanup());

  async function reviewedCaseWithMrz() {
    const { caseId } = await caseAt(t, staff, officer, 'IN_REVIEW');
    const c = t.service.deps.cases.byId(caseId)!;
    const profile = t.service.deps.profiles.byId(c.profileId)!;
    // The entered surname differs from the document: the engine saw a mismatch.
    await t.service.call('profiles.update', { id: profile.id, patch: { lastName: 'Gomez', dateOfBirth: '1990-04-12' }, reason: 'typo at intake' }, officer);
    const result: AnalysisResult = {
      policyVersion: 1,
      recommendation: 'MANUAL_REVIEW',
      submitResult: 2,
      reasons: [],
      checks: [{ check: 'mrz', outcome: 'PASS', reasons: [], ms: 300 }],
      quality: {},
      mrz,
      crossChecks: crossCheck(t.service.deps.profiles.byId(c.profileId)!, mrz, new Date()),
      faceMatch: { outcome: 'MATCH', similarity: 0.8, threshold: 0.5 },
      presentationAttack: { score: 0.1, threshold: 0.5, attack: false, signals: [] },
      timings: {},
      completedAt: new Date().toISOString(),
    };
    t.service.deps.analyses.insert({ id: 'r1', caseId, jobId: null, result, now: new Date().toISOString() });
    return { caseId, version: t.service.deps.cases.byId(caseId)!.version };
  }

  it('audits the edit, marks the case user-modified (status 3) and re-runs the cross-checks', async () => {
    const { caseId, version } = await reviewedCaseWithMrz();
    expect(t.service.deps.analyses.latestForCase(caseId)?.crossChecks.find((c) => c.code === 'NAME_MISMATCH')?.outcome).not.toBe('PASS');
    const r = await t.service.call('cases.editField', { caseId, field: 'lastName', value: 'Restrepo', reason: 'matches the passport MRZ', expectedVersion: version }, officer);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.case.userModified).toBe(true);
    expect(r.value.analysis?.crossChecks.find((c) => c.code === 'NAME_MISMATCH')?.outcome).toBe('PASS');
    expect(r.value.analysis).toMatchObject({ submitResult: 3, recommendation: 'MANUAL_REVIEW' });
    const edit = t.service.deps.auditRows.list({ type: 'profile.field_edited', limit: 1 })[0];
    expect(edit).toMatchObject({ actorName: 'officer 2', payload: { field: 'lastName', old: 'Gomez', new: 'Restrepo', reason: 'matches the passport MRZ' } });
    expect(t.service.deps.auditRows.forCase(caseId).map((e) => e.type)).toContain('analysis.cross_checks_rerun');
  });

  it('validates the corrected value with the profile rules and writes nothing when wrong', async () => {
    const { caseId, version } = await reviewedCaseWithMrz();
    const otherOfficer = await t.signInAs('officer');
    const before = snapshotStore(t.service.deps.db);
    const bad = await t.service.call('cases.editField', { caseId, field: 'dateOfBirth', value: '2015-01-01', reason: 'as printed', expectedVersion: version }, officer);
    expect(bad.ok ? null : bad.error).toMatchObject({ code: ErrorCode.UNDERAGE, field: 'dateOfBirth' });
    const stale = await t.service.call('cases.editField', { caseId, field: 'lastName', value: 'X', reason: 'x', expectedVersion: version - 1 }, officer);
    expect(stale.ok ? null : stale.error.code).toBe(ErrorCode.STALE_CASE);
    const other = await t.service.call('cases.editField', { caseId, field: 'lastName', value: 'X', reason: 'x', expectedVersion: version }, otherOfficer);
    expect(other.ok ? null : other.error.code).toBe(ErrorCode.FORBIDDEN);
    const notEditable = await t.service.callUntyped('cases.editField', { caseId, field: 'email', value: 'x@y.z', reason: 'x', expectedVersion: version }, officer);
    expect(notEditable.ok ? null : notEditable.error).toMatchObject({ code: ErrorCode.INVALID_INPUT, field: 'field' });
    expect(snapshotStore(t.service.deps.db)).toEqual(before);
  });
});
