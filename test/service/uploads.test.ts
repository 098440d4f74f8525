import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/errorCodes';
import type { IntakeStatus } from '../../shared/schemas/intake';
import type { Upload } from '../../shared/schemas/upload';
import { uploadKeyOf } from '../../shared/schemas/upload';
import type { Result } from '../../shared/result';
import { openTempService, type TempService } from '../helpers/tempService';
import { personInput } from '../helpers/profileFixtures';
import { fileExists, movableClock, travelTo, uniquePng } from '../helpers/retentionSetup';

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
  return r.value;
}
const code = (r: Result<unknown>) => (r.ok ? 'ok' : r.error.code);

/**
 * LeapCat's upload utility in the service: `uploads.put` stores a file and answers its key,
 * `intake.attachUploads` files it with a customer (the `kyc documents` / `kyc supplementary`
 * steps), `uploads.get` reads it back, and the retention purge takes it with the case.
 */
describe('uploads: store first, file with a customer later', () => {
  const clock = movableClock('2026-03-02T10:00:00.000Z');
  let t: TempService;
  let staff: string;
  let otherStaff: string;
  let officer: string;
  let auditor: string;

  beforeEach(async () => {
    clock.set('2026-03-02T10:00:00.000Z');
    t = openTempService({ clock: clock.now });
    staff = await t.signInAs('branch_staff');
    otherStaff = await t.signInAs('branch_staff');
    officer = await t.signInAs('officer');
    auditor = await t.signInAs('auditor');
  });
  afterEach(() => t.cleanup());

  const put = async (tag: string, token = staff): Promise<Upload> =>
    must(await t.service.call('uploads.put', { fileName: `${tag}.png`, mimeType: 'image/png', dataBase64: uniquePng(tag).toString('base64') }, token));
  const begin = async (): Promise<string> => {
    const s = must(await t.service.call('intake.begin', { type: 'PERSON' }, staff));
    must(await t.service.call('intake.recordConsent', { profileId: s.profileId, consentVersion: 1 }, staff));
    return s.profileId;
  };
  const uploadRows = () => (t.service.deps.db.prepare('SELECT count(*) AS n FROM uploads').get() as { n: number }).n;

  it('stores a checked file under an uploads/ key, readable by its uploader only until it is filed', async () => {
    const u = await put('front');
    expect(u).toMatchObject({ key: expect.stringMatching(/^uploads\/[0-9a-f-]{36}$/), fileName: 'front.png', mimeType: 'image/png', byteSize: uniquePng('front').length, attached: null });
    expect(uploadKeyOf(`http://127.0.0.1:4780/api/web/kycService/${u.key}`)).toBe(u.key);
    expect(uploadKeyOf('https://cdn.example.com/uploads/x.jpg')).toBeNull();
    const back = must(await t.service.call('uploads.get', { key: u.key }, staff));
    expect(Buffer.from(back.dataBase64, 'base64').equals(uniquePng('front'))).toBe(true);
    // Someone else (even a reader of every case) does not find an unfiled upload.
    expect(code(await t.service.call('uploads.get', { key: u.key }, otherStaff))).toBe(ErrorCode.NOT_FOUND);
    expect(code(await t.service.call('uploads.get', { key: u.key }, auditor))).toBe(ErrorCode.NOT_FOUND);
    // The audit names the key and hash, never the file name (it often carries the person's name).
    const event = t.service.deps.auditRows.list({ limit: 50 }).find((e) => e.type === 'upload.stored');
    expect(event?.payload).toMatchObject({ key: u.key, sha256: u.sha256 });
    expect(JSON.stringify(event?.payload)).not.toContain('front.png');

    // A file that is not what it claims is refused, and nothing is kept.
    const before = uploadRows();
    const fake = await t.service.call('uploads.put', { fileName: 'id.png', mimeType: 'image/png', dataBase64: Buffer.from('just text').toString('base64') }, staff);
    expect(code(fake)).toBe(ErrorCode.INVALID_EVIDENCE);
    expect(uploadRows()).toBe(before);
    expect(code(await t.service.call('uploads.put', { fileName: 'x.png', mimeType: 'image/png', dataBase64: 'c' }, auditor))).toBe(ErrorCode.FORBIDDEN);
  });

  it('files front and back with the declared type in one step; a re-run changes nothing; the profile takes them', async () => {
    const profileId = await begin();
    const front = await put('front');
    const back = await put('back');
    const files = [
      { key: front.key, kind: 'DOCUMENT_FRONT' as const },
      { key: back.key, kind: 'DOCUMENT_BACK' as const },
    ];
    const s = must(await t.service.call('intake.attachUploads', { profileId, files, document: { type: 'NATIONAL_ID' } }, staff));
    expect(s.declaredDocument).toEqual({ type: 'NATIONAL_ID' });
    expect(s.documents.map((d) => [d.kind, d.fileName, d.sha256, d.pending])).toEqual([
      ['DOCUMENT_FRONT', 'front.png', front.sha256, true],
      ['DOCUMENT_BACK', 'back.png', back.sha256, true],
    ]);
    expect(s.steps.documents).toBe(true);
    const again = must(await t.service.call('intake.attachUploads', { profileId, files, document: { type: 'NATIONAL_ID' } }, staff));
    expect(again.documents).toHaveLength(2);
    expect(must(await t.service.call('uploads.get', { key: front.key }, staff)).attached).toMatchObject({ profileId, kind: 'DOCUMENT_FRONT' });

    // The same upload cannot be the back too; someone else's upload is not found.
    const asBack = await t.service.call('intake.attachUploads', { profileId, files: [{ key: front.key, kind: 'DOCUMENT_BACK' }] }, staff);
    expect(asBack.ok ? null : asBack.error).toMatchObject({ code: ErrorCode.INVALID_INPUT, field: 'files.0.key' });
    const theirs = await put('theirs', otherStaff);
    expect(code(await t.service.call('intake.attachUploads', { profileId, files: [{ key: theirs.key, kind: 'SELFIE' }] }, staff))).toBe(ErrorCode.NOT_FOUND);

    // The personal information creates the profile: the filed documents become its case's evidence.
    const profile = must(await t.service.call('intake.savePersonalInfo', { profileId, type: 'PERSON', data: personInput() }, staff));
    const caseId = t.service.deps.cases.byProfileId(profile.id)!.id;
    expect(t.service.deps.evidenceRows.forCase(caseId).map((e) => [e.kind, e.sha256])).toEqual([
      ['DOCUMENT_FRONT', front.sha256],
      ['DOCUMENT_BACK', back.sha256],
    ]);
    // Once filed, the file is the case's evidence: every reader of the case may fetch it by its key.
    expect(must(await t.service.call('uploads.get', { key: back.key }, auditor)).sha256).toBe(back.sha256);
  });

  it('is all or nothing: a bad file in the list leaves the declaration and the other files unfiled', async () => {
    const profileId = await begin();
    const front = await put('front');
    const r = await t.service.call('intake.attachUploads', { profileId, document: { type: 'PASSPORT' }, files: [{ key: front.key, kind: 'DOCUMENT_FRONT' }, { key: 'uploads/no-such-upload', kind: 'DOCUMENT_BACK' }] }, staff);
    expect(r.ok ? null : r.error).toMatchObject({ code: ErrorCode.NOT_FOUND, field: 'files.1.key' });
    const s = must(await t.service.call('intake.status', { profileId }, staff));
    expect(s.documents).toEqual([]);
    expect(s.declaredDocument).toBeNull();
    expect(must(await t.service.call('uploads.get', { key: front.key }, staff)).attached).toBeNull();
    // The same key twice in one call is a mistake, not two files.
    const twice = await t.service.call('intake.attachUploads', { profileId, files: [{ key: front.key, kind: 'DOCUMENT_FRONT' }, { key: front.key, kind: 'DOCUMENT_BACK' }] }, staff);
    expect(twice.ok ? null : twice.error).toMatchObject({ code: ErrorCode.INVALID_INPUT, field: 'files.1.key' });
  });

  it('checks the declared document against the customer: the type, and a number with its country', async () => {
    const profileId = await begin();
    const company = must(await t.service.call('intake.begin', { type: 'COMPANY' }, staff));
    const wrongType = await t.service.call('intake.attachUploads', { profileId: company.profileId, document: { type: 'PASSPORT' } }, staff);
    expect(wrongType.ok ? null : wrongType.error).toMatchObject({ code: ErrorCode.INVALID_DOCUMENT, field: 'document.type' });
    const unknown = await t.service.call('intake.attachUploads', { profileId, document: { type: 'LIBRARY_CARD' as 'PASSPORT' } }, staff);
    expect(unknown.ok ? null : unknown.error).toMatchObject({ code: ErrorCode.INVALID_INPUT, field: 'document.type' });
    const badNumber = await t.service.call('intake.attachUploads', { profileId, document: { type: 'NUIP', number: '12', issuedCountryCode: 'CO' } }, staff);
    expect(badNumber.ok ? null : badNumber.error).toMatchObject({ code: ErrorCode.INVALID_DOCUMENT, field: 'document.number' });
    // A type the issuing country does not issue: the type is what is wrong.
    const notIssued = await t.service.call('intake.attachUploads', { profileId, document: { type: 'NUIP', number: '1020304050', issuedCountryCode: 'MX' } }, staff);
    expect(notIssued.ok ? null : notIssued.error).toMatchObject({ code: ErrorCode.INVALID_DOCUMENT, field: 'document.type', message: 'NUIP is not accepted for country MX' });
    expect(code(await t.service.call('intake.attachUploads', { profileId }, staff))).toBe(ErrorCode.INVALID_INPUT);

    // With a profile, a declared number is the profile's document, validated like any edit.
    must(await t.service.call('intake.savePersonalInfo', { profileId, type: 'PERSON', data: personInput() }, staff));
    const s = must(await t.service.call('intake.attachUploads', { profileId, document: { type: 'PASSPORT', number: 'X1234567', issuedCountryCode: 'CO', expiryDate: '2031-05-01' } }, staff));
    expect(s.declaredDocument).toEqual({ type: 'PASSPORT', number: 'X1234567', issuedCountryCode: 'CO', expiryDate: '2031-05-01' });
    // The expiry date too: the case page, the cross-checks and the PDF read it from the profile.
    expect(s.profile?.data).toMatchObject({ document: { type: 'PASSPORT', number: 'X1234567', issuedCountryCode: 'CO', expiryDate: '2031-05-01' } });
  });

  it('files supplementary documents onto the case after a resubmission request, not while it is under review; review notes show after the decision', async () => {
    const profileId = await begin();
    const front = await put('front');
    must(await t.service.call('intake.attachUploads', { profileId, files: [{ key: front.key, kind: 'DOCUMENT_FRONT' }] }, staff));
    must(await t.service.call('intake.savePersonalInfo', { profileId, type: 'PERSON', data: personInput() }, staff));
    const texts = must(await t.service.call('intake.texts', {}, staff));
    must(await t.service.call('intake.acceptAgreements', { profileId, accepted: texts.agreements.map((a) => ({ id: a.id, version: a.version })) }, staff));
    const submitted = must(await t.service.call('intake.submit', { profileId }, staff));
    const late = await put('late');
    expect(code(await t.service.call('intake.attachUploads', { profileId, files: [{ key: late.key, kind: 'SUPPLEMENTARY' }] }, staff))).toBe(ErrorCode.INTAKE_UNDER_REVIEW);

    const claimed = must(await t.service.call('cases.claim', { id: submitted.caseId! }, officer));
    must(
      await t.service.call(
        'cases.decide',
        { caseId: claimed.id, action: 'request_resubmission', reasonCode: 'BLURRY_DOCUMENT', customerMessage: 'A sharper front, please.', resubmitItems: ['DOCUMENT_FRONT'], expectedVersion: claimed.version },
        officer,
      ),
    );
    const asked: IntakeStatus = must(await t.service.call('intake.status', { profileId }, staff));
    expect(asked.reviewNotes).toEqual([expect.objectContaining({ action: 'request_resubmission', status: 'SUPPLEMENTARY_REQUIRED', message: 'A sharper front, please.', resubmitItems: ['DOCUMENT_FRONT'] })]);
    // The clock stands still in tests: what answers the request must be newer than the request.
    travelTo(t, clock, '2026-03-02T10:05:00.000Z');
    const sharper = await put('sharper');
    const s = must(await t.service.call('intake.attachUploads', { profileId, files: [{ key: sharper.key, kind: 'DOCUMENT_FRONT' }] }, staff));
    expect(s.missingForSubmit).toEqual([]);
    expect(t.service.deps.evidenceRows.forCase(submitted.caseId!).filter((e) => e.kind === 'DOCUMENT_FRONT')).toHaveLength(2);
  });

  it('the retention purge takes the uploads filed with the case; the same bytes uploaded again stay readable', async () => {
    const profileId = await begin();
    const front = await put('purge-front');
    must(await t.service.call('intake.attachUploads', { profileId, files: [{ key: front.key, kind: 'DOCUMENT_FRONT' }] }, staff));
    must(await t.service.call('intake.savePersonalInfo', { profileId, type: 'PERSON', data: personInput() }, staff));
    const texts = must(await t.service.call('intake.texts', {}, staff));
    must(await t.service.call('intake.acceptAgreements', { profileId, accepted: texts.agreements.map((a) => ({ id: a.id, version: a.version })) }, staff));
    const submitted = must(await t.service.call('intake.submit', { profileId }, staff));
    const claimed = must(await t.service.call('cases.claim', { id: submitted.caseId! }, officer));
    must(await t.service.call('cases.decide', { caseId: claimed.id, action: 'approve', expectedVersion: claimed.version }, officer));
    // A second, unfiled upload of the same bytes (another agent's retry).
    const retry = await put('purge-front', otherStaff);
    expect(retry.sha256).toBe(front.sha256);

    travelTo(t, clock, '2031-03-03T10:00:00.000Z');
    const admin = await t.signInAs('admin');
    const out = must(await t.service.call('retention.purge', { note: 'yearly retention run' }, admin));
    expect(out.purged.map((p) => p.caseId)).toEqual([submitted.caseId]);
    expect(t.service.deps.db.prepare('SELECT count(*) AS n FROM uploads WHERE attached_profile_id = ?').get(profileId)).toEqual({ n: 0 });
    expect(code(await t.service.call('uploads.get', { key: front.key }, staff))).toBe(ErrorCode.NOT_FOUND);
    // The retry's key still works, so the bytes stayed.
    expect(fileExists(t, front.sha256)).toBe(true);
    expect(must(await t.service.call('uploads.get', { key: retry.key }, otherStaff)).sha256).toBe(front.sha256);
  });
});
