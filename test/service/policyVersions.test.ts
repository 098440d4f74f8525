import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/errorCodes';
import { DEFAULT_POLICY } from '../../electron/service/analysis/defaultPolicy';
import { openTempService, type TempService } from '../helpers/tempService';
import { snapshotStore } from '../helpers/storeSnapshot';

describe('policy.versions: the policy history', () => {
  let t: TempService;
  let admin: string;
  beforeEach(async () => {
    t = openTempService();
    admin = await t.signInAs('admin');
  });
  afterEach(() => t.cleanup());

  const stricter = { ...DEFAULT_POLICY, faceMatch: { matchThreshold: 0.6 }, face_match_score_decline_threshold: 35 };
  const longerRetention = { ...stricter, retentionYears: 7 };

  it('lists every version newest first, each with who, when, why and its body', async () => {
    for (const [body, note] of [
      [stricter, 'stricter face match after a fraud wave'],
      [longerRetention, 'regulator asks for seven years'],
    ] as const) {
      const u = await t.service.call('policy.update', { body, note }, admin);
      expect(u.ok).toBe(true);
    }
    const r = await t.service.call('policy.versions', {}, admin);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.map((v) => v.version)).toEqual([3, 2, 1]);
    expect(r.value[0]).toMatchObject({ version: 3, body: longerRetention, note: 'regulator asks for seven years', createdBy: 'admin 1' });
    expect(r.value[1]).toMatchObject({ version: 2, body: stricter, note: 'stricter face match after a fraud wave', createdBy: 'admin 1' });
    expect(r.value[2]).toMatchObject({ version: 1, body: DEFAULT_POLICY, createdBy: 'system' });
    for (const v of r.value) expect(Number.isNaN(Date.parse(v.createdAt))).toBe(false);
    // The newest is the one policy.get answers.
    const latest = await t.service.call('policy.get', {}, admin);
    expect(latest.ok && latest.value).toEqual(r.value[0]);
  });

  it('refuses a change made on a version another admin has replaced since, writing nothing', async () => {
    const second = await t.signInAs('admin');
    // Both admins opened the editor on version 1; the first saves.
    const first = await t.service.call('policy.update', { body: stricter, note: 'stricter face match', expectedVersion: 1 }, admin);
    expect(first.ok && first.value.version).toBe(2);
    const late = await t.service.call('policy.update', { body: longerRetention, note: 'seven years', expectedVersion: 1 }, second);
    expect(late.ok ? null : late.error).toMatchObject({ code: ErrorCode.STALE_POLICY });
    expect(late.ok ? '' : late.error.message).toContain('version 2');
    const r = await t.service.call('policy.versions', {}, admin);
    expect(r.ok && r.value.map((v) => [v.version, v.note])).toEqual([
      [2, 'stricter face match'],
      [1, expect.any(String)],
    ]);
    // Made again on the version in force, it is saved.
    const again = await t.service.call('policy.update', { body: longerRetention, note: 'seven years', expectedVersion: 2 }, second);
    expect(again.ok && again.value.version).toBe(3);
  });

  it('is read by auditors too, and changes nothing', async () => {
    await t.service.call('policy.update', { body: stricter, note: 'stricter' }, admin);
    const auditor = await t.signInAs('auditor');
    const before = snapshotStore(t.service.deps.db);
    const r = await t.service.call('policy.versions', {}, auditor);
    expect(r.ok && r.value.map((v) => [v.version, v.note])).toEqual([
      [2, 'stricter'],
      [1, expect.any(String)],
    ]);
    expect(snapshotStore(t.service.deps.db)).toEqual(before);
  });

  it('refuses officers, senior officers and branch staff with FORBIDDEN', async () => {
    for (const role of ['officer', 'senior_officer', 'branch_staff'] as const) {
      const r = await t.service.call('policy.versions', {}, await t.signInAs(role));
      expect(r.ok ? null : r.error.code, role).toBe(ErrorCode.FORBIDDEN);
    }
  });
});
