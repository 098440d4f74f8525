import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/errorCodes';
import { openTempService, type TempService } from '../helpers/tempService';
import { caseAt } from '../helpers/caseSetup';

describe('kycService admin operations', () => {
  let t: TempService;
  let staff: string;
  let officer: string;
  beforeEach(async () => {
    t = openTempService();
    staff = await t.signInAs('branch_staff');
    officer = await t.signInAs('officer');
  });
  afterEach(() => t.cleanup());
  const profileOf = (caseId: string) => t.service.deps.cases.byId(caseId)!.profileId;

  it('lists by profile ids, paged, with the kycService codes', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(profileOf((await caseAt(t, staff, officer, 'SUBMITTED')).caseId));
    const page1 = await t.service.call('admin.kycList', { profileIds: ids, page: 1, limit: 2 }, officer);
    expect(page1.ok && page1.value).toMatchObject({ total: 3, page: 1, limit: 2 });
    expect(page1.ok && page1.value.list).toHaveLength(2);
    expect(page1.ok && page1.value.list[0]).toMatchObject({ status: 0, submitResult: 2, caseStatus: 'SUBMITTED' });
    const page2 = await t.service.call('admin.kycList', { profileIds: ids, page: 2, limit: 2 }, officer);
    expect(page2.ok && page2.value.list.map((x) => x.profileId)).toEqual([ids[2]]);
    const detail = await t.service.call('admin.kycDetail', { profileId: ids[0]! }, officer);
    expect(detail.ok && detail.value.detail.profile.id).toBe(ids[0]);
  });

  it('update-status 2 approves, -1 rejects, 0 reopens; the remark is optional as in kycService', async () => {
    const a = profileOf((await caseAt(t, staff, officer, 'SUBMITTED')).caseId);
    const approved = await t.service.call('admin.kycUpdateStatus', { profileId: a, status: 2, remark: 'verified by phone' }, officer);
    expect(approved.ok && approved.value).toMatchObject({ status: 2, caseStatus: 'APPROVED', remark: 'verified by phone' });
    const b = profileOf((await caseAt(t, staff, officer, 'SUBMITTED')).caseId);
    const noRemark = await t.service.call('admin.kycUpdateStatus', { profileId: b, status: -1 }, officer);
    // No remark: the decision still records who rejected it and that it came through the API.
    expect(noRemark.ok && noRemark.value).toMatchObject({ status: -1, caseStatus: 'REJECTED', remark: 'rejected through the kycService admin API (no remark)' });
    const reopened = await t.service.call('admin.kycUpdateStatus', { profileId: b, status: 0 }, officer);
    expect(reopened.ok && reopened.value).toMatchObject({ status: 0, caseStatus: 'IN_REVIEW' });
    const rejected = await t.service.call('admin.kycUpdateStatus', { profileId: b, status: -1, remark: 'document does not match' }, officer);
    expect(rejected.ok && rejected.value).toMatchObject({ status: -1, caseStatus: 'REJECTED', remark: 'document does not match' });
    const bad = await t.service.callUntyped('admin.kycUpdateStatus', { profileId: b, status: 1 }, officer);
    expect(bad.ok ? null : bad.error).toMatchObject({ code: ErrorCode.INVALID_INPUT, field: 'status' });
  });
});
