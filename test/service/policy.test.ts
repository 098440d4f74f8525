import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/errorCodes';
import { DEFAULT_POLICY } from '../../electron/service/analysis/defaultPolicy';
import type { PolicyBody } from '../../shared/schemas/policy';
import { openTempService, type TempService } from '../helpers/tempService';
import { snapshotStore } from '../helpers/storeSnapshot';

describe('verification policy', () => {
  let t: TempService;
  let admin: string;
  beforeEach(async () => {
    t = openTempService();
    admin = await t.signInAs('admin');
  });
  afterEach(() => t.cleanup());

  it('starts at version 1 with the shipped defaults', async () => {
    const r = await t.service.call('policy.get', {}, await t.signInAs('officer'));
    expect(r.ok && r.value).toMatchObject({ version: 1, body: DEFAULT_POLICY, createdBy: 'system' });
  });

  it('an admin change makes a new version and is audited; old versions stay', async () => {
    const body = { ...DEFAULT_POLICY, faceMatch: { matchThreshold: 0.6 }, face_match_score_decline_threshold: 35 };
    const r = await t.service.call('policy.update', { body, note: 'stricter face match after a fraud wave' }, admin);
    expect(r.ok && r.value).toMatchObject({ version: 2, body });
    expect(t.service.deps.policies.byVersion(1)?.body).toEqual(DEFAULT_POLICY);
    const ev = t.service.deps.auditRows.list({ type: 'policy.updated', limit: 5 })[0];
    expect(ev?.payload).toMatchObject({ version: 2, previousVersion: 1, note: 'stricter face match after a fraud wave' });
  });

  it('refuses an invalid policy, or a non-admin, and writes nothing', async () => {
    const officer = await t.signInAs('officer');
    const before = snapshotStore(t.service.deps.db);
    const r = await t.service.call('policy.update', { body: { ...DEFAULT_POLICY, quality: { ...DEFAULT_POLICY.quality, maxBlur: 7 } }, note: 'x' }, admin);
    expect(r.ok ? null : r.error).toMatchObject({ code: ErrorCode.INVALID_INPUT, field: 'body.quality.maxBlur' });
    const refused = await t.service.call('policy.update', { body: DEFAULT_POLICY, note: 'x' }, officer);
    expect(refused.ok ? null : refused.error.code).toBe(ErrorCode.FORBIDDEN);
    expect(snapshotStore(t.service.deps.db)).toEqual(before);
  });

  it('has a document blur limit of its own, refused out of range', async () => {
    expect(DEFAULT_POLICY.quality.maxDocumentBlur).toBeLessThan(DEFAULT_POLICY.quality.maxBlur);
    const before = snapshotStore(t.service.deps.db);
    const r = await t.service.call('policy.update', { body: { ...DEFAULT_POLICY, quality: { ...DEFAULT_POLICY.quality, maxDocumentBlur: 1.5 } }, note: 'x' }, admin);
    expect(r.ok ? null : r.error).toMatchObject({ code: ErrorCode.INVALID_INPUT, field: 'body.quality.maxDocumentBlur' });
    expect(snapshotStore(t.service.deps.db)).toEqual(before);
    const own = await t.service.call('policy.update', { body: { ...DEFAULT_POLICY, quality: { ...DEFAULT_POLICY.quality, maxDocumentBlur: 0.3 } }, note: 'sharper scans' }, admin);
    expect(own.ok && own.value.body.quality).toMatchObject({ maxDocumentBlur: 0.3, maxBlur: DEFAULT_POLICY.quality.maxBlur });
  });

  it('reads a stored policy from before the document blur limit as judging documents by its one blur limit', () => {
    const older: Record<string, number> = { ...DEFAULT_POLICY.quality, maxBlur: 0.42 };
    delete older.maxDocumentBlur;
    t.service.deps.db
      .prepare('INSERT INTO policies (version, body, note, created_at, created_by) VALUES (?, ?, ?, ?, ?)')
      .run(2, JSON.stringify({ ...DEFAULT_POLICY, quality: older }), 'older release', new Date().toISOString(), 'Admin');
    expect(t.service.deps.policies.latest()?.body.quality).toMatchObject({ maxBlur: 0.42, maxDocumentBlur: 0.42 });
  });

  it("carries Didit's workflow knobs under Didit's names, and refuses them out of range", async () => {
    const r = await t.service.call('policy.get', {}, admin);
    expect(r.ok && r.value.body).toMatchObject({ is_face_match_enabled: true, face_match_score_decline_threshold: 30, max_retry_attempts: 3, applicationExpiryDays: 7 });
    const before = snapshotStore(t.service.deps.db);
    const refused = async (body: Partial<PolicyBody>) => {
      const u = await t.service.call('policy.update', { body: { ...DEFAULT_POLICY, ...body }, note: 'x' }, admin);
      return u.ok ? null : u.error;
    };
    // On Didit's 0-100 scale, not our 0-1 similarity.
    expect(await refused({ face_match_score_decline_threshold: 101 })).toMatchObject({ code: ErrorCode.INVALID_INPUT, field: 'body.face_match_score_decline_threshold' });
    // A decline threshold above the match threshold (0.5 -> 50) would decline faces we call a match.
    expect(await refused({ face_match_score_decline_threshold: 60 })).toMatchObject({ code: ErrorCode.INVALID_INPUT, field: 'body.face_match_score_decline_threshold' });
    expect(await refused({ max_retry_attempts: -1 })).toMatchObject({ code: ErrorCode.INVALID_INPUT, field: 'body.max_retry_attempts' });
    expect(await refused({ applicationExpiryDays: 0 })).toMatchObject({ code: ErrorCode.INVALID_INPUT, field: 'body.applicationExpiryDays' });
    expect(snapshotStore(t.service.deps.db)).toEqual(before);
  });
});
