import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/errorCodes';
import { expireStaleApplications, EXPIRY_ACTOR } from '../../electron/service/cases/expireApplications';
import { ExpirySchedule } from '../../electron/service/cases/ExpirySchedule';
import { openTempService, type TempService } from '../helpers/tempService';
import { caseAt, TINY_PNG } from '../helpers/caseSetup';
import { snapshotStore } from '../helpers/storeSnapshot';
import { movableClock, must, travelTo, uniquePng } from '../helpers/retentionSetup';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';

const DAY = 86_400_000;
const T0 = '2026-03-01T09:00:00.000Z';
const at = (days: number) => new Date(Date.parse(T0) + days * DAY).toISOString();

describe('applications left unfinished expire (policy applicationExpiryDays, 7 by default)', () => {
  const clock = movableClock(T0);
  let t: TempService;
  let staff: string;
  let officer: string;
  let auditor: string;
  let admin: string;
  const ids = {} as Record<'notStarted' | 'inProgress' | 'resubmission' | 'submitted' | 'recentEvidence' | 'recentDraft' | 'onTheCutoff', string>;
  /** Applications that never got a profile (no case): discarded when idle, never expired. */
  const unnamed = {} as Record<'idle' | 'typedInLately' | 'onTheCutoff', string>;
  const begin = async () => must(await t.service.call('intake.begin', { type: 'PERSON' }, staff)).profileId;

  beforeAll(async () => {
    t = openTempService({ clock: clock.now });
    staff = await t.signInAs('branch_staff');
    officer = await t.signInAs('officer');
    auditor = await t.signInAs('auditor');
    admin = await t.signInAs('admin');
    // Day 0: one application in each state, nothing done since.
    ids.notStarted = (await caseAt(t, staff, officer, 'NOT_STARTED')).caseId;
    ids.inProgress = (await caseAt(t, staff, officer, 'IN_PROGRESS')).caseId;
    const sentBack = await caseAt(t, staff, officer, 'IN_REVIEW');
    must(await t.service.call('cases.decide', { caseId: sentBack.caseId, action: 'request_resubmission', reasonCode: 'BLURRY_DOCUMENT', resubmitItems: ['DOCUMENT_FRONT'], expectedVersion: sentBack.version }, officer));
    ids.resubmission = sentBack.caseId;
    // Submitted: waits on us, never expires.
    ids.submitted = (await caseAt(t, staff, officer, 'SUBMITTED')).caseId;
    ids.recentEvidence = (await caseAt(t, staff, officer, 'IN_PROGRESS')).caseId;
    ids.recentDraft = (await caseAt(t, staff, officer, 'IN_PROGRESS')).caseId;
    unnamed.idle = await begin();
    must(await t.service.call('intake.recordConsent', { profileId: unnamed.idle, consentVersion: 1 }, staff));
    must(await t.service.call('intake.addDocument', { profileId: unnamed.idle, kind: 'DOCUMENT_FRONT', fileName: 'front.png', mimeType: 'image/png', dataBase64: uniquePng('idle-front').toString('base64') }, staff));
    unnamed.typedInLately = await begin();

    // Day 1: the last activity of this one is exactly 7 days before the run on day 8.
    travelTo(t, clock, at(1));
    ids.onTheCutoff = (await caseAt(t, staff, officer, 'NOT_STARTED')).caseId;
    unnamed.onTheCutoff = await begin();
    // Day 5: a new document on one case; day 6: onboarding touches another without touching its case.
    travelTo(t, clock, at(5));
    must(await t.service.call('evidence.add', { caseId: ids.recentEvidence, kind: 'DOCUMENT_BACK', fileName: 'back.png', mimeType: 'image/png', dataBase64: TINY_PNG.toString('base64') }, staff));
    travelTo(t, clock, at(6));
    const draftProfile = t.service.deps.cases.byId(ids.recentDraft)!.profileId;
    must(await t.service.call('intake.saveDraft', { profileId: draftProfile, step: 'documents', data: {} }, staff));
    must(await t.service.call('intake.saveDraft', { profileId: unnamed.typedInLately, step: 'personalInfo', data: { firstName: 'Ana' } }, staff));
    travelTo(t, clock, at(8));
  }, 60_000);
  afterAll(() => t.cleanup());

  it('the policy sets the period; nothing is due before it', () => {
    expect(t.service.deps.policies.latest()?.body.applicationExpiryDays).toBe(7);
    const early = expireStaleApplications(t.service.deps, new Date(at(6.9)));
    expect(early.expired).toEqual([]);
  });

  it('the scheduled job expires exactly the applications waiting on the customer with no activity for 7 days', async () => {
    // A short interval stands in for the hour, and batches of 2 for 200: the timer itself must
    // do the run, and work through the three due cases in two batches.
    const schedule = new ExpirySchedule(t.service.deps, 60_000, 2);
    schedule.start(5);
    await expect.poll(() => [ids.notStarted, ids.inProgress, ids.resubmission].map((id) => t.service.deps.cases.byId(id)?.status), { timeout: 10_000 }).toEqual(['EXPIRED', 'EXPIRED', 'EXPIRED']);
    schedule.stop();
    const status = (id: string) => t.service.deps.cases.byId(id)?.status;
    expect(status(ids.submitted)).toBe('SUBMITTED');
    expect(status(ids.recentEvidence)).toBe('IN_PROGRESS');
    expect(status(ids.recentDraft)).toBe('IN_PROGRESS');
    // Idle for exactly the period is not past it.
    expect(status(ids.onTheCutoff)).toBe('NOT_STARTED');
    // A second run finds nothing more.
    expect(expireStaleApplications(t.service.deps, clock.now()).expired).toEqual([]);
  });

  it('the same run discards the idle applications that never got a profile, with their files, as the expiry schedule', async () => {
    const gone = async (profileId: string) => !(await t.service.call('intake.status', { profileId }, staff)).ok;
    expect(await gone(unnamed.idle)).toBe(true);
    expect(await gone(unnamed.typedInLately)).toBe(false);
    expect(await gone(unnamed.onTheCutoff)).toBe(false);
    expect(existsSync(t.service.deps.evidenceFiles.pathOf(createHash('sha256').update(uniquePng('idle-front')).digest('hex')))).toBe(false);
    const events = must(await t.service.call('audit.list', { type: 'intake.discarded', limit: 10 }, auditor));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      profileId: unnamed.idle,
      actorId: null,
      actorName: EXPIRY_ACTOR.displayName,
      at: at(8),
      payload: { type: 'PERSON', removed: { acceptances: 1, documents: 1, uploads: 0, drafts: 0 }, filesDeleted: 1, idle: { lastActivityAt: T0, applicationExpiryDays: 7, policyVersion: 1 } },
    });
    expect(must(await t.service.call('audit.verify', {}, auditor)).valid).toBe(true);
  });

  it('each expiry is audited in the hash chain as the expiry schedule, with why', async () => {
    for (const [id, from] of [
      [ids.notStarted, 'NOT_STARTED'],
      [ids.inProgress, 'IN_PROGRESS'],
      [ids.resubmission, 'RESUBMISSION_REQUESTED'],
    ] as const) {
      const events = must(await t.service.call('audit.list', { caseId: id, type: 'case.status_changed', limit: 10 }, auditor));
      const expired = events.find((e) => (e.payload as { to?: string } | null)?.to === 'EXPIRED');
      expect(expired).toMatchObject({ actorId: null, actorName: EXPIRY_ACTOR.displayName, at: at(8) });
      expect(expired?.payload).toMatchObject({ from, to: 'EXPIRED', expiry: { applicationExpiryDays: 7, policyVersion: 1, lastActivityAt: expect.any(String) } });
    }
    expect(must(await t.service.call('audit.verify', {}, auditor)).valid).toBe(true);
  });

  it('onboarding refuses changes to an expired application and says how to go on', async () => {
    const profileId = t.service.deps.cases.byId(ids.inProgress)!.profileId;
    const r = await t.service.call('intake.saveDraft', { profileId, step: 'documents', data: {} }, staff);
    expect(r.ok ? null : r.error).toMatchObject({ code: ErrorCode.INTAKE_COMPLETED, message: expect.stringContaining('restart') });
  });

  it('a longer period in a new policy version applies to the next run', async () => {
    const p = must(await t.service.call('policy.get', {}, admin));
    must(await t.service.call('policy.update', { body: { ...p.body, applicationExpiryDays: 30 }, note: 'longer for paper documents' }, admin));
    const outcome = expireStaleApplications(t.service.deps, new Date(at(20)));
    expect(outcome).toMatchObject({ expired: [], applicationExpiryDays: 30, policyVersion: 2 });
    // Day 37: the ones idle since before day 7 are due under 30 days.
    expect(expireStaleApplications(t.service.deps, new Date(at(37))).expired.sort()).toEqual([ids.onTheCutoff, ids.recentEvidence, ids.recentDraft].sort());
  });

  it('restart: only intake roles, only an expired case; EXPIRED -> IN_PROGRESS, audited', async () => {
    const before = snapshotStore(t.service.deps.db);
    for (const token of [auditor, admin]) {
      const r = await t.service.call('cases.restart', { id: ids.inProgress }, token);
      expect(r.ok ? null : r.error.code).toBe(ErrorCode.FORBIDDEN);
    }
    const notExpired = await t.service.call('cases.restart', { id: ids.submitted }, staff);
    expect(notExpired.ok ? null : notExpired.error.code).toBe(ErrorCode.ILLEGAL_TRANSITION);
    const stale = await t.service.call('cases.restart', { id: ids.inProgress, expectedVersion: 1 }, staff);
    expect(stale.ok ? null : stale.error.code).toBe(ErrorCode.STALE_CASE);
    expect(snapshotStore(t.service.deps.db)).toEqual(before);

    const restarted = must(await t.service.call('cases.restart', { id: ids.inProgress }, staff));
    expect(restarted.status).toBe('IN_PROGRESS');
    const [event] = must(await t.service.call('audit.list', { caseId: ids.inProgress, type: 'case.status_changed', limit: 1 }, auditor));
    expect(event).toMatchObject({ actorName: 'branch_staff 1', payload: { from: 'EXPIRED', to: 'IN_PROGRESS', restart: true } });
    // The customer carries on: onboarding takes changes again, and the expiry clock starts over
    // from the restart on day 8 (the policy now says 30 days).
    const profileId = restarted.profileId;
    expect((await t.service.call('intake.saveDraft', { profileId, step: 'documents', data: {} }, staff)).ok).toBe(true);
    expect(expireStaleApplications(t.service.deps, new Date(at(37.9))).expired).toEqual([]);
    expect(expireStaleApplications(t.service.deps, new Date(at(38.1))).expired).toEqual([ids.inProgress]);
  });
});
