import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTempService, type TempService } from '../helpers/tempService';
import { approvedCase, fileExists, movableClock, must, travelTo } from '../helpers/retentionSetup';
import { RetentionSchedule, SCHEDULE_ACTOR } from '../../electron/service/retention/RetentionSchedule';

describe('the daily retention schedule', () => {
  const clock = movableClock('2026-01-10T09:00:00.000Z');
  let t: TempService;
  let admin: string;
  let auditor: string;
  let a: Awaited<ReturnType<typeof approvedCase>>;
  let held: Awaited<ReturnType<typeof approvedCase>>;
  let b: Awaited<ReturnType<typeof approvedCase>>;

  beforeAll(async () => {
    t = openTempService({ clock: clock.now });
    const staff = await t.signInAs('branch_staff');
    const officer = await t.signInAs('officer');
    admin = await t.signInAs('admin');
    auditor = await t.signInAs('auditor');
    const senior = await t.signInAs('senior_officer');
    a = await approvedCase(t, staff, officer, 'a');
    held = await approvedCase(t, staff, officer, 'h');
    travelTo(t, clock, '2031-01-11T09:00:00.000Z');
    // B closes now: within retention for five more years.
    b = await approvedCase(t, staff, officer, 'b');
    must(await t.service.call('retention.setLegalHold', { caseId: held.caseId, reason: 'Litigation 2030/5' }, senior));
  }, 60_000);
  afterAll(() => t.cleanup());

  it('does nothing while the setting is off (the default)', async () => {
    expect(must(await t.service.call('settings.get', {}, admin)).retentionAutoPurge).toBe(false);
    expect(new RetentionSchedule(t.service.deps).runIfEnabled()).toBeNull();
    expect(t.service.deps.cases.byId(a.caseId)).toBeDefined();
    expect(must(await t.service.call('retention.tombstones', {}, auditor))).toEqual([]);
  });

  it('once an admin turns it on, its timer purges the due cases as "retention schedule", skipping held and recent ones', async () => {
    must(await t.service.call('settings.update', { retentionAutoPurge: true }, admin));
    const [changed] = must(await t.service.call('audit.list', { type: 'settings.changed', limit: 1 }, auditor));
    expect(changed?.payload).toMatchObject({ key: 'retentionAutoPurge', old: false, new: true });

    // A short interval stands in for a day: the timer itself must do the run.
    const schedule = new RetentionSchedule(t.service.deps, 60_000);
    schedule.start(5);
    await expect.poll(() => t.service.deps.cases.byId(a.caseId), { timeout: 10_000 }).toBeUndefined();
    schedule.stop();

    const tombs = must(await t.service.call('retention.tombstones', {}, auditor));
    expect(tombs.map((x) => x.caseId)).toEqual([a.caseId]);
    const [event] = must(await t.service.call('audit.list', { caseId: a.caseId, type: 'retention.purged', limit: 1 }, auditor));
    expect(event).toMatchObject({ actorId: null, actorName: SCHEDULE_ACTOR.name });
    expect(event?.payload).toMatchObject({ basis: 'RETENTION', note: 'scheduled retention run' });
    expect(fileExists(t, a.ownFile)).toBe(false);
    // The held case and the recently closed one stay.
    expect(t.service.deps.cases.byId(held.caseId)?.status).toBe('APPROVED');
    expect(t.service.deps.cases.byId(b.caseId)?.status).toBe('APPROVED');
    expect(must(await t.service.call('audit.verify', {}, auditor)).valid).toBe(true);
  });

  it('a run after the store closed does nothing and does not throw', () => {
    const schedule = new RetentionSchedule(t.service.deps);
    t.service.close();
    expect(schedule.runIfEnabled()).toBeNull();
  });
});
