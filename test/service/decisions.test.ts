import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/errorCodes';
import { contract } from '../../shared/contract';
import type { DecisionInput } from '../../shared/schemas/decision';
import { openTempService, type TempService } from '../helpers/tempService';
import { caseAt } from '../helpers/caseSetup';
import { snapshotStore } from '../helpers/storeSnapshot';

describe('decisions', () => {
  let t: TempService;
  let staff: string;
  let officer: string;
  let other: string;
  beforeEach(async () => {
    t = openTempService();
    staff = await t.signInAs('branch_staff');
    officer = await t.signInAs('officer');
    other = await t.signInAs('officer');
  });
  afterEach(() => t.cleanup());

  async function refused(input: DecisionInput, code: string, token = officer, field?: string) {
    const before = snapshotStore(t.service.deps.db);
    const r = await t.service.call('cases.decide', input, token);
    expect(r.ok ? null : r.error.code).toBe(code);
    if (field && !r.ok) expect(r.error.field).toBe(field);
    expect(snapshotStore(t.service.deps.db)).toEqual(before);
  }

  it('rejects with a FINAL reason, records actor, reason kind and both messages', async () => {
    const { caseId, version } = await caseAt(t, staff, officer, 'IN_REVIEW');
    const r = await t.service.call(
      'cases.decide',
      { caseId, action: 'reject', reasonCode: 'SUSPECTED_FORGERY', internalComment: 'Font mismatch on DOB', customerMessage: 'We cannot verify your document.', expectedVersion: version },
      officer,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(contract['cases.decide'].output.parse(r.value)).toMatchObject({
      action: 'reject',
      fromStatus: 'IN_REVIEW',
      toStatus: 'REJECTED',
      reasonCode: 'SUSPECTED_FORGERY',
      reasonKind: 'FINAL',
      internalComment: 'Font mismatch on DOB',
      customerMessage: 'We cannot verify your document.',
      actorName: 'officer 2',
    });
    const detail = await t.service.call('cases.get', { id: caseId }, officer);
    expect(detail.ok && detail.value.case.status).toBe('REJECTED');
    expect(detail.ok && contract['cases.get'].output.safeParse(detail.value).success).toBe(true);
  });

  it('requests resubmission of named items with a RETRY reason', async () => {
    const { caseId, version } = await caseAt(t, staff, officer, 'IN_REVIEW');
    const r = await t.service.call(
      'cases.decide',
      { caseId, action: 'request_resubmission', reasonCode: 'BLURRY_DOCUMENT', resubmitItems: ['DOCUMENT_FRONT', 'SELFIE'], expectedVersion: version },
      officer,
    );
    expect(r.ok && r.value).toMatchObject({ toStatus: 'RESUBMISSION_REQUESTED', reasonKind: 'RETRY', resubmitItems: ['DOCUMENT_FRONT', 'SELFIE'] });
  });

  it('refuses incomplete or inconsistent decisions and writes nothing', async () => {
    const { caseId, version } = await caseAt(t, staff, officer, 'IN_REVIEW');
    await refused({ caseId, action: 'reject', expectedVersion: version }, ErrorCode.INVALID_REASON, officer, 'reasonCode');
    await refused({ caseId, action: 'reject', reasonCode: 'NOT_A_CODE' as never, expectedVersion: version }, ErrorCode.INVALID_INPUT, officer, 'reasonCode');
    await refused({ caseId, action: 'request_resubmission', reasonCode: 'FACE_MISMATCH', resubmitItems: ['SELFIE'], expectedVersion: version }, ErrorCode.INVALID_REASON);
    await refused({ caseId, action: 'request_resubmission', reasonCode: 'BLURRY_DOCUMENT', expectedVersion: version }, ErrorCode.REQUIRED, officer, 'resubmitItems');
    await refused({ caseId, action: 'reset', expectedVersion: version }, ErrorCode.ILLEGAL_TRANSITION);
  });

  it('refuses a decision on a case that changed since it was opened', async () => {
    const { caseId, version } = await caseAt(t, staff, officer, 'IN_REVIEW');
    await t.service.call('profiles.update', { id: t.service.deps.cases.byId(caseId)!.profileId, patch: { lastName: 'Changed' }, reason: 'typo' }, officer);
    await refused({ caseId, action: 'approve', expectedVersion: version }, ErrorCode.STALE_CASE);
    expect(t.service.deps.cases.byId(caseId)?.userModified).toBe(true);
  });

  it('makes a case assigned to someone else read-only', async () => {
    const { caseId, version } = await caseAt(t, staff, officer, 'IN_REVIEW');
    await refused({ caseId, action: 'approve', expectedVersion: version }, ErrorCode.FORBIDDEN, other);
    const claim = await t.service.call('cases.claim', { id: caseId }, other);
    expect(claim.ok ? null : claim.error.code).toBe(ErrorCode.FORBIDDEN);
  });

  it('cannot decide a case that is not under review', async () => {
    const { caseId, version } = await caseAt(t, staff, officer, 'SUBMITTED');
    await refused({ caseId, action: 'approve', expectedVersion: version }, ErrorCode.ILLEGAL_TRANSITION);
  });

  it('resets a closed case to review with a reason, keeping its history', async () => {
    const { caseId, version } = await caseAt(t, staff, officer, 'IN_REVIEW');
    const approved = await t.service.call('cases.decide', { caseId, action: 'approve', expectedVersion: version }, officer);
    expect(approved.ok).toBe(true);
    const v2 = t.service.deps.cases.byId(caseId)!.version;
    await refused({ caseId, action: 'reset', expectedVersion: v2 }, ErrorCode.REQUIRED, officer, 'internalComment');
    const reset = await t.service.call('cases.decide', { caseId, action: 'reset', internalComment: 'Sanctions list updated', expectedVersion: v2 }, officer);
    expect(reset.ok && reset.value.toStatus).toBe('IN_REVIEW');
    const detail = await t.service.call('cases.get', { id: caseId }, officer);
    expect(detail.ok && detail.value.decisions.map((d) => d.action)).toEqual(['approve', 'reset']);
  });

  it("a senior officer may reset someone else's closed case, which becomes theirs; an officer may not, nor take a case waiting on the customer", async () => {
    const senior = await t.signInAs('senior_officer');
    const { caseId, version } = await caseAt(t, staff, officer, 'IN_REVIEW');
    expect((await t.service.call('cases.decide', { caseId, action: 'approve', expectedVersion: version }, officer)).ok).toBe(true);
    const closed = t.service.deps.cases.byId(caseId)!;
    // Another officer: refused, as taking the case from its officer would be (assignment).
    await refused({ caseId, action: 'reset', internalComment: 'Owner alert on the company', expectedVersion: closed.version }, ErrorCode.FORBIDDEN, other);
    const reset = await t.service.call('cases.decide', { caseId, action: 'reset', internalComment: 'Owner alert on the company', expectedVersion: closed.version }, senior);
    expect(reset.ok && reset.value).toMatchObject({ action: 'reset', toStatus: 'IN_REVIEW', state: 'final' });
    const reopened = t.service.deps.cases.byId(caseId)!;
    expect(reopened.status).toBe('IN_REVIEW');
    expect(reopened.assigneeId).toBe(reset.ok ? reset.value.actorId : null);
    // Whose case it was is in the audit trail.
    const moved = t.service.deps.auditRows.forCase(caseId).filter((e) => e.type === 'case.status_changed').at(-1)!;
    expect(moved.payload).toMatchObject({ from: 'APPROVED', to: 'IN_REVIEW', previousAssigneeId: closed.assigneeId });
    await refused({ caseId, action: 'approve', expectedVersion: reopened.version }, ErrorCode.FORBIDDEN, officer);

    // A case waiting on the customer is not closed: it stays its officer's, even for a senior.
    const waiting = await caseAt(t, staff, officer, 'IN_REVIEW');
    expect((await t.service.call('cases.decide', { caseId: waiting.caseId, action: 'request_resubmission', reasonCode: 'BLURRY_DOCUMENT', resubmitItems: ['DOCUMENT_FRONT'], expectedVersion: waiting.version }, officer)).ok).toBe(true);
    const w = t.service.deps.cases.byId(waiting.caseId)!;
    await refused({ caseId: waiting.caseId, action: 'reset', internalComment: 'x', expectedVersion: w.version }, ErrorCode.FORBIDDEN, senior);
  });

  it("CASE.0006: a decided case's profile is not edited (an approval would cover data nobody verified) until an officer resets it", async () => {
    const { caseId, version } = await caseAt(t, staff, officer, 'IN_REVIEW');
    expect((await t.service.call('cases.decide', { caseId, action: 'approve', expectedVersion: version }, officer)).ok).toBe(true);
    const profileId = t.service.deps.cases.byId(caseId)!.profileId;
    const patch = { lastName: 'Impostor', document: { number: '9999999999' } };
    for (const token of [staff, officer]) {
      const before = snapshotStore(t.service.deps.db);
      const r = await t.service.call('profiles.update', { id: profileId, patch, reason: 'customer called' }, token);
      expect(r.ok ? null : r.error.code).toBe(ErrorCode.CASE_DECIDED);
      expect(r.ok ? '' : r.error.message).toContain('APPROVED');
      expect(snapshotStore(t.service.deps.db)).toEqual(before);
    }
    // Reset to review: the edit goes through, marks the case user-modified and is audited.
    const v2 = t.service.deps.cases.byId(caseId)!.version;
    expect((await t.service.call('cases.decide', { caseId, action: 'reset', internalComment: 'Customer reports a new surname', expectedVersion: v2 }, officer)).ok).toBe(true);
    const r = await t.service.call('profiles.update', { id: profileId, patch: { lastName: 'Nuevo' }, reason: 'customer called' }, staff);
    expect(r.ok && r.value.displayName).toMatch(/Nuevo$/);
    expect(t.service.deps.cases.byId(caseId)).toMatchObject({ status: 'IN_REVIEW', userModified: true });
  });
});
