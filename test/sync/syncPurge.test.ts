import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approvedCase, movableClock, must, travelTo } from '../helpers/retentionSetup';
import { openTempService, type TempService } from '../helpers/tempService';
import { startFakeKillb, type FakeKillb } from '../fakes/fakeKillb';

/** Retention reaches the sync tables too: a purged case leaves no outbox row or link behind. */
describe('sync and the retention purge', () => {
  let t: TempService;
  let killb: FakeKillb;
  const clock = movableClock('2026-01-10T09:00:00.000Z');

  beforeEach(async () => {
    killb = await startFakeKillb();
    t = openTempService({ clock: clock.now, sync: { random: () => 0 } });
  });
  afterEach(async () => {
    await killb.close();
    t.cleanup();
  });

  it('purges a case whose approval was delivered to KillB, with its outbox rows and links', async () => {
    const admin = await t.signInAs('admin');
    const staff = await t.signInAs('branch_staff');
    const officer = await t.signInAs('officer');
    must(await t.service.call('sync.configure', { id: 'killb', enabled: true, config: { baseUrl: killb.url, email: killb.credentials.email }, secret: killb.credentials.password }, admin));
    const a = await approvedCase(t, staff, officer, 'sync-purge');
    await t.service.deps.syncRuntime.runner.drain();
    expect(t.service.deps.sync.link('killb', 'profile', a.profileId)).toBeDefined();
    expect(t.service.deps.sync.list({ caseId: a.caseId, limit: 10 })).toHaveLength(1);
    travelTo(t, clock, '2032-06-01T09:00:00.000Z');
    const out = must(await t.service.call('retention.purge', { caseIds: [a.caseId] }, admin));
    expect(out.purged.map((p: { caseId: string }) => p.caseId)).toEqual([a.caseId]);
    expect(t.service.deps.sync.list({ caseId: a.caseId, limit: 10 })).toHaveLength(0);
    expect(t.service.deps.sync.link('killb', 'profile', a.profileId)).toBeUndefined();
    // The remote user itself is KillB's record; the audit chain still says it was sent.
    expect(killb.users).toHaveLength(1);
  });
});
