import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempService, type TempService } from '../helpers/tempService';
import { personInput } from '../helpers/profileFixtures';
import { uniquePng } from '../helpers/retentionSetup';
import { ErrorCode } from '../../shared/errorCodes';
import type { Result } from '../../shared/result';
import { discardApplication } from '../../electron/service/intake/discardApplication';

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
  return r.value;
}
const code = (r: Result<unknown>) => (r.ok ? 'ok' : r.error.code);

/**
 * Applications abandoned before their personal information was saved: the onboarding list shows
 * them as the wizard does, and `intake.discard` deletes what they hold (consent records,
 * documents, uploads, the draft's typed values) with their files, leaving counts in the audit.
 */
describe('intake.discard: unfinished applications', () => {
  let t: TempService;
  let staff: string;
  let auditor: string;

  beforeEach(async () => {
    t = openTempService();
    staff = await t.signInAs('branch_staff');
    auditor = await t.signInAs('auditor');
  });
  afterEach(() => t.cleanup());

  const begin = async () => must(await t.service.call('intake.begin', { type: 'PERSON' }, staff)).profileId;
  const listed = async () => must(await t.service.call('intake.list', { limit: 30 }, staff));
  const addFront = async (profileId: string, tag: string) =>
    must(await t.service.call('intake.addDocument', { profileId, kind: 'DOCUMENT_FRONT', fileName: `${tag}.png`, mimeType: 'image/png', dataBase64: uniquePng(tag).toString('base64') }, staff));

  it('lists an application as the wizard shows it: not started until consent or a document is recorded', async () => {
    const idle = await begin();
    const begun = await begin();
    must(await t.service.call('intake.recordConsent', { profileId: begun, consentVersion: 1 }, staff));
    const byId = new Map((await listed()).map((i) => [i.profileId, i]));
    for (const id of [idle, begun]) {
      const status = must(await t.service.call('intake.status', { profileId: id }, staff));
      expect(byId.get(id)?.caseStatus, id === idle ? 'idle' : 'begun').toBe(status.caseStatus);
    }
    expect(byId.get(idle)?.caseStatus).toBe('NOT_STARTED');
    expect(byId.get(begun)?.caseStatus).toBe('IN_PROGRESS');
  });

  it('deletes the consent, documents, uploads and draft with their files, and audits counts only', async () => {
    const id = await begin();
    must(await t.service.call('intake.recordConsent', { profileId: id, consentVersion: 1 }, staff));
    const front = await addFront(id, 'discard-front');
    const upload = must(await t.service.call('uploads.put', { fileName: 'back.png', mimeType: 'image/png', dataBase64: uniquePng('discard-back').toString('base64') }, staff));
    must(await t.service.call('intake.attachUploads', { profileId: id, files: [{ key: upload.key, kind: 'DOCUMENT_BACK' }] }, staff));
    must(await t.service.call('intake.saveDraft', { profileId: id, step: 'personalInfo', data: { firstName: 'Gwendolyn', lastName: 'Abandoned' } }, staff));
    const files = [front.sha256, upload.sha256].map((sha) => t.service.deps.evidenceFiles.pathOf(sha));
    for (const f of files) expect(existsSync(f)).toBe(true);

    const r = must(await t.service.call('intake.discard', { profileId: id }, staff));
    // Two documents: the front added here, and the upload filed as the back.
    expect(r).toEqual({ profileId: id, removed: { acceptances: 1, documents: 2, uploads: 1, drafts: 1 }, filesDeleted: 2 });
    for (const f of files) expect(existsSync(f)).toBe(false);
    expect(code(await t.service.call('intake.status', { profileId: id }, staff))).toBe(ErrorCode.NOT_FOUND);
    expect(code(await t.service.call('uploads.get', { key: upload.key }, staff))).toBe(ErrorCode.NOT_FOUND);
    expect((await listed()).map((i) => i.profileId)).not.toContain(id);

    const events = t.service.deps.auditRows.list({ limit: 100 }).filter((e) => e.profileId === id);
    const discarded = events.find((e) => e.type === 'intake.discarded');
    expect(discarded?.payload).toEqual({ type: 'PERSON', removed: r.removed, filesDeleted: 2 });
    expect(JSON.stringify(events)).not.toMatch(/Gwendolyn|Abandoned|discard-front/);
    expect(must(await t.service.call('audit.verify', {}, auditor)).valid).toBe(true);
    // Gone is gone: a second discard finds nothing.
    expect(code(await t.service.call('intake.discard', { profileId: id }, staff))).toBe(ErrorCode.NOT_FOUND);
  });

  it('keeps a file another application still names', async () => {
    const [mine, theirs] = [await begin(), await begin()];
    const a = await addFront(mine, 'shared-bytes');
    await addFront(theirs, 'shared-bytes');
    const r = must(await t.service.call('intake.discard', { profileId: mine }, staff));
    expect(r.filesDeleted).toBe(0);
    expect(existsSync(t.service.deps.evidenceFiles.pathOf(a.sha256))).toBe(true);
    expect(must(await t.service.call('intake.status', { profileId: theirs }, staff)).documents).toHaveLength(1);
  });

  it('leaves an application the expiry schedule found idle but someone touched since', async () => {
    const id = await begin();
    const idle = { lastActivityAt: '2026-01-01T00:00:00.000Z', applicationExpiryDays: 7, policyVersion: 1 };
    expect(() => discardApplication(t.service.deps, id, { id: null, name: 'expiry schedule' }, new Date(), idle)).toThrow(expect.objectContaining({ code: ErrorCode.STALE_CASE }));
    expect(must(await t.service.call('intake.status', { profileId: id }, staff)).profileId).toBe(id);
    expect(t.service.deps.auditRows.list({ limit: 100 }).map((e) => e.type)).not.toContain('intake.discarded');
  });

  it('never discards a customer on file, and refuses roles outside onboarding; nothing changes', async () => {
    const id = await begin();
    must(await t.service.call('intake.recordConsent', { profileId: id, consentVersion: 1 }, staff));
    must(await t.service.call('intake.savePersonalInfo', { profileId: id, type: 'PERSON', data: personInput() }, staff));
    const before = t.service.deps.auditRows.list({ limit: 1000 }).length;
    const onFile = await t.service.call('intake.discard', { profileId: id }, staff);
    expect(onFile.ok).toBe(false);
    if (!onFile.ok) expect(onFile.error).toMatchObject({ code: ErrorCode.INTAKE_HAS_PROFILE, field: 'profileId' });
    expect(must(await t.service.call('intake.status', { profileId: id }, staff)).steps.consent).toBe(true);

    const open = await begin();
    expect(code(await t.service.call('intake.discard', { profileId: open }, auditor))).toBe(ErrorCode.FORBIDDEN);
    expect(code(await t.service.call('intake.discard', { profileId: 'no-such-application' }, staff))).toBe(ErrorCode.NOT_FOUND);
    expect(code(await t.service.call('intake.discard', { profileId: '' }, staff))).toBe(ErrorCode.INVALID_INPUT);
    expect(must(await t.service.call('intake.status', { profileId: open }, staff)).caseStatus).toBe('NOT_STARTED');
    // One event more: the second application's intake.begun; no discard was written.
    expect(t.service.deps.auditRows.list({ limit: 1000 }).length).toBe(before + 1);
  });
});
