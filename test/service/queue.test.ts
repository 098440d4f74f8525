import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTempService, type TempService } from '../helpers/tempService';
import { caseAt } from '../helpers/caseSetup';

describe('the case queue', () => {
  let t: TempService;
  let officer: string;
  let now = new Date('2026-11-01T08:00:00Z');
  const submittedOrder: string[] = [];
  beforeAll(async () => {
    t = openTempService({ clock: () => new Date(now) });
    // Keep the sessions alive while the clock walks forward an hour per case.
    await t.service.call('settings.update', { sessionIdleMinutes: 24 * 60 }, await t.signInAs('admin'));
    const staff = await t.signInAs('branch_staff');
    officer = await t.signInAs('officer');
    for (let i = 0; i < 6; i++) {
      now = new Date(now.getTime() + 3_600_000);
      const { caseId } = await caseAt(t, staff, officer, i < 4 ? 'SUBMITTED' : 'IN_REVIEW');
      submittedOrder.push(caseId);
    }
    await caseAt(t, staff, officer, 'NOT_STARTED');
  });
  afterAll(() => t.cleanup());

  const list = async (input: Parameters<TempService['service']['call']>[1] & object) => {
    const r = await t.service.call('cases.list', input as never, officer);
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };

  it('filters by status and sorts by age, oldest submission first', async () => {
    const page = await list({ statuses: ['SUBMITTED'], sort: 'age', order: 'asc' });
    expect(page.total).toBe(4);
    expect(page.rows.map((r) => r.id)).toEqual(submittedOrder.slice(0, 4));
    const newest = await list({ statuses: ['SUBMITTED'], sort: 'age', order: 'desc' });
    expect(newest.rows.map((r) => r.id)).toEqual(submittedOrder.slice(0, 4).reverse());
  });

  it('puts cases without a submission last, both ways', async () => {
    const all = await list({ sort: 'age', order: 'asc' });
    expect(all.total).toBe(7);
    expect(all.rows.at(-1)?.status).toBe('NOT_STARTED');
    expect((await list({ sort: 'age', order: 'desc' })).rows.at(-1)?.status).toBe('NOT_STARTED');
  });

  it('pages without gaps or repeats', async () => {
    const seen: string[] = [];
    for (let offset = 0; offset < 7; offset += 3) seen.push(...(await list({ sort: 'age', limit: 3, offset })).rows.map((r) => r.id));
    expect(new Set(seen).size).toBe(7);
    expect(seen).toEqual((await list({ sort: 'age', limit: 50 })).rows.map((r) => r.id));
  });

  it('searches by name, document number and externalId', async () => {
    const any = (await list({ limit: 1 })).rows[0]!;
    const profile = t.service.deps.profiles.byId(any.profileId)!;
    expect((await list({ search: profile.externalId })).rows.map((r) => r.id)).toEqual([any.id]);
    expect((await list({ search: 'valentina' })).total).toBe(7);
    expect((await list({ search: profile.data.document!.number! })).total).toBe(7);
    expect((await list({ search: 'nobody-by-this-name' })).total).toBe(0);
    expect((await list({ search: '%' })).total).toBe(0);
  });

  it('counts cases per status', async () => {
    const r = await t.service.call('cases.counts', {}, officer);
    expect(r).toEqual({ ok: true, value: { SUBMITTED: 4, IN_REVIEW: 2, NOT_STARTED: 1 } });
  });

  it('counts per status only the cases the other filters keep, as the status tabs show them beside the list', async () => {
    const counts = async (input: object) => {
      const r = await t.service.call('cases.counts', input as never, officer);
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    const one = (await list({ statuses: ['IN_REVIEW'], limit: 1 })).rows[0]!;
    const externalId = t.service.deps.profiles.byId(one.profileId)!.externalId;
    expect(await counts({ search: externalId })).toEqual({ IN_REVIEW: 1 });
    expect(await counts({ search: 'nobody-by-this-name' })).toEqual({});
    // Every count is what the list with that status and the same filters totals.
    const filters = { minAgeHours: 3 };
    const perStatus = await counts(filters);
    for (const [status, n] of Object.entries(perStatus)) expect((await list({ ...filters, statuses: [status as 'SUBMITTED'] })).total, status).toBe(n);
    expect(Object.values(perStatus).reduce((a, b) => a + b, 0)).toBe((await list(filters)).total);
    expect(perStatus.NOT_STARTED).toBeUndefined();
    // The status itself, the order and the page are the list's, not the counts'.
    const refused = await t.service.call('cases.counts', { statuses: ['SUBMITTED'] } as never, officer);
    expect(refused.ok).toBe(false);
  });

  it('sorts by name', async () => {
    const rows = (await list({ sort: 'name', order: 'asc' })).rows;
    expect(rows.map((r) => r.displayName)).toEqual([...rows.map((r) => r.displayName)].sort((a, b) => a.localeCompare(b)));
  });
});
