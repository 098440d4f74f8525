import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempService, type TempService } from '../helpers/tempService';
import { personInput } from '../helpers/profileFixtures';
import { ErrorCode } from '../../shared/errorCodes';
import { TINY_PNG as PNG } from '../helpers/caseSetup';


describe('case lifecycle', () => {
  let t: TempService;
  let staff: string;
  let officer: string;
  beforeEach(async () => {
    t = openTempService();
    staff = await t.signInAs('branch_staff');
    officer = await t.signInAs('officer');
  });
  afterEach(() => t.cleanup());

  async function intake(): Promise<string> {
    const p = await t.service.call('profiles.createPerson', personInput(), staff);
    if (!p.ok) throw new Error(p.error.message);
    const c = t.service.deps.cases.byProfileId(p.value.id);
    if (!c) throw new Error('no case');
    return c.id;
  }

  it('goes from intake to approval, with every step audited and the chain intact', async () => {
    const caseId = await intake();
    expect((await t.service.call('cases.start', { id: caseId }, staff)).ok).toBe(true);
    const add = await t.service.call(
      'evidence.add',
      { caseId, kind: 'DOCUMENT_FRONT', fileName: 'front.png', mimeType: 'image/png', dataBase64: PNG.toString('base64') },
      staff,
    );
    expect(add.ok).toBe(true);
    const submitted = await t.service.call('cases.submit', { id: caseId }, staff);
    expect(submitted.ok && submitted.value.status).toBe('SUBMITTED');
    const claimed = await t.service.call('cases.claim', { id: caseId }, officer);
    expect(claimed.ok && claimed.value.status).toBe('IN_REVIEW');
    if (!claimed.ok) return;
    const decided = await t.service.call(
      'cases.decide',
      { caseId, action: 'approve', internalComment: 'all consistent', expectedVersion: claimed.value.version },
      officer,
    );
    expect(decided.ok && decided.value.toStatus).toBe('APPROVED');
    const detail = await t.service.call('cases.get', { id: caseId }, officer);
    expect(detail.ok).toBe(true);
    if (!detail.ok) return;
    expect(detail.value.case.status).toBe('APPROVED');
    expect(detail.value.decisions).toHaveLength(1);
    expect(detail.value.timeline.map((e) => e.type)).toEqual([
      'profile.created',
      'case.status_changed',
      'evidence.added',
      'case.status_changed',
      'analysis.requested',
      'case.status_changed',
      'case.status_changed',
      'case.decision',
    ]);
    expect(t.service.deps.audit.verify()).toMatchObject({ valid: true, firstBroken: null });
  });

  it('refuses an illegal transition with a clear code and changes nothing', async () => {
    const caseId = await intake();
    const before = t.service.deps.cases.byId(caseId);
    const r = await t.service.call('cases.submit', { id: caseId }, staff);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(ErrorCode.REQUIRED);
    const r2 = await t.service.call('cases.claim', { id: caseId }, officer);
    expect(!r2.ok && r2.error.code).toBe(ErrorCode.ILLEGAL_TRANSITION);
    expect(t.service.deps.cases.byId(caseId)).toEqual(before);
  });
});
