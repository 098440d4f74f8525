import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/errorCodes';
import { openTempService, type TempService } from '../helpers/tempService';
import { caseAt } from '../helpers/caseSetup';

describe('assignment and saved views', () => {
  let t: TempService;
  let staff: string;
  let officer: string;
  let officer2: string;
  let senior: string;
  let now = new Date('2026-11-01T08:00:00Z');
  beforeEach(async () => {
    now = new Date('2026-11-01T08:00:00Z');
    t = openTempService({ clock: () => new Date(now) });
    await t.service.call('settings.update', { sessionIdleMinutes: 24 * 60, slaHours: 2 }, await t.signInAs('admin'));
    staff = await t.signInAs('branch_staff');
    officer = await t.signInAs('officer');
    officer2 = await t.signInAs('officer');
    senior = await t.signInAs('senior_officer');
  });
  afterEach(() => t.cleanup());
  const me = async (token: string) => {
    const r = await t.service.call('auth.me', {}, token);
    if (!r.ok) throw new Error('me');
    return r.value;
  };

  it('takes the next case in SLA order, then says when the queue is clear', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      now = new Date(now.getTime() + 3_600_000);
      ids.push((await caseAt(t, staff, officer, 'SUBMITTED')).caseId);
    }
    const first = await t.service.call('cases.takeNext', {}, officer);
    expect(first.ok && first.value).toMatchObject({ id: ids[0], status: 'IN_REVIEW', assigneeName: 'officer 3' });
    const second = await t.service.call('cases.takeNext', {}, officer2);
    expect(second.ok && second.value?.id).toBe(ids[1]);
    expect(await t.service.call('cases.takeNext', {}, officer)).toEqual({ ok: true, value: null });
  });

  it('lets an officer assign only to themselves, a senior officer to anyone, and release', async () => {
    const { caseId, version } = await caseAt(t, staff, officer, 'IN_REVIEW');
    const o2 = await me(officer2);
    const refused = await t.service.call('cases.assign', { id: caseId, operatorId: o2.id, expectedVersion: version }, officer);
    expect(refused.ok ? null : refused.error.code).toBe(ErrorCode.FORBIDDEN);
    const moved = await t.service.call('cases.assign', { id: caseId, operatorId: o2.id, expectedVersion: version }, senior);
    expect(moved.ok && moved.value.assigneeId).toBe(o2.id);
    if (!moved.ok) return;
    const notYours = await t.service.call('cases.release', { id: caseId, expectedVersion: moved.value.version }, officer);
    expect(notYours.ok ? null : notYours.error.code).toBe(ErrorCode.FORBIDDEN);
    const stale = await t.service.call('cases.release', { id: caseId, expectedVersion: version }, officer2);
    expect(stale.ok ? null : stale.error.code).toBe(ErrorCode.STALE_CASE);
    const released = await t.service.call('cases.release', { id: caseId, expectedVersion: moved.value.version }, officer2);
    expect(released.ok && released.value.assigneeId).toBeNull();
    const types = t.service.deps.auditRows.forCase(caseId).map((e) => e.type);
    expect(types.filter((x) => x === 'case.assigned' || x === 'case.released')).toEqual(['case.assigned', 'case.released']);
  });

  it('filters "me and unassigned", overdue against the SLA, and by recommendation', async () => {
    const a = await caseAt(t, staff, officer, 'IN_REVIEW');
    const b = await caseAt(t, staff, officer2, 'IN_REVIEW');
    const c = await caseAt(t, staff, officer, 'SUBMITTED');
    const list = async (q: object, token = officer) => {
      const r = await t.service.call('cases.list', q as never, token);
      if (!r.ok) throw new Error(r.error.message);
      return r.value.rows.map((x) => x.id).sort();
    };
    expect(await list({ assignee: 'me_or_unassigned' })).toEqual([a.caseId, c.caseId].sort());
    expect(await list({ assignee: 'me' }, officer2)).toEqual([b.caseId]);
    expect(await list({ overdue: true })).toEqual([]);
    now = new Date(now.getTime() + 3 * 3_600_000);
    expect(await list({ overdue: true })).toEqual([a.caseId, b.caseId, c.caseId].sort());
    const row = (await t.service.call('cases.list', {}, officer)) as { ok: true; value: { rows: { slaDueAt: string | null; submittedAt: string | null }[] } };
    const r0 = row.value.rows[0]!;
    expect(Date.parse(r0.slaDueAt!) - Date.parse(r0.submittedAt!)).toBe(2 * 3_600_000);
  });

  it('saves, replaces and deletes an officer’s own views', async () => {
    const saved = await t.service.call('views.save', { name: 'High risk first', query: { sort: 'risk', order: 'asc', risks: ['HIGH'] } }, officer);
    expect(saved.ok && saved.value).toMatchObject({ name: 'High risk first', query: { risks: ['HIGH'] } });
    await t.service.call('views.save', { name: 'High risk first', query: { sort: 'sla', order: 'asc', risks: ['HIGH', 'MEDIUM'] } }, officer);
    const mine = await t.service.call('views.list', {}, officer);
    expect(mine.ok && mine.value.map((v) => v.query.risks)).toEqual([['HIGH', 'MEDIUM']]);
    expect(await t.service.call('views.list', {}, officer2)).toEqual({ ok: true, value: [] });
    if (!saved.ok) return;
    expect(await t.service.call('views.delete', { id: saved.value.id }, officer2)).toEqual({ ok: true, value: { deleted: false } });
    expect(await t.service.call('views.delete', { id: saved.value.id }, officer)).toEqual({ ok: true, value: { deleted: true } });
  });
});
