import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import ffmpeg from '@ffmpeg-installer/ffmpeg';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/tempService';
import { startServe, type RunningServer } from '../helpers/serveProcess';
import { chromiumAvailable, launchChromium } from '../helpers/chromium';
import { rpc, tokenFor } from '../helpers/rpc';
import { DEMO_PASSWORD } from '../../electron/service/demo/demoAccounts';
import type { IntakeStatus } from '../../shared/schemas/intake';
import type { CaseDetail } from '../../shared/schemas/case';
import type { AuditEvent } from '../../shared/schemas/audit';
import type { Profile } from '../../shared/schemas/profile';

const root = join(import.meta.dirname, '../..');
const artifacts = join(root, 'test-artifacts');
const fixtures = join(root, '../shared/fixtures');
// A Finnish specimen passport (PassportEye, MIT): its MRZ names a real country and an adult.
const PASSPORT = join(fixtures, 'documents/images/pe_100_pass-fin.png');
// A live face (neutral, smile, neutral) as the fake webcam for the selfie and the challenge; it is the
// sharpest clip of the set, so the live quality check lets the selfie through as it would a real webcam.
const FACE_CLIP = join(fixtures, 'liveness/videos/smile_liveportrait_d0.mp4');
const haveFixtures = existsSync(PASSPORT) && existsSync(FACE_CLIP);
if (!haveFixtures) process.stderr.write(`Skipping the onboarding e2e: fixtures missing at ${fixtures}.\n`);

/** Chromium's fake webcam plays a .y4m file in a loop; make one from a fixture with ffmpeg. */
function y4m(input: string, out: string, opts: { still: boolean; width: number; height: number; seconds: number; fps: number }): string {
  const fit = `scale=${opts.width}:${opts.height}:force_original_aspect_ratio=decrease,pad=${opts.width}:${opts.height}:(ow-iw)/2:(oh-ih)/2:color=0x2b3440,format=yuv420p`;
  execFileSync(ffmpeg.path, ['-v', 'error', '-y', ...(opts.still ? ['-loop', '1'] : []), '-i', input, '-t', String(opts.seconds), '-r', String(opts.fps), '-vf', fit, '-f', 'yuv4mpegpipe', out]);
  return out;
}

describe.skipIf(!chromiumAvailable || !haveFixtures)('onboarding wizard in real Chromium with a fake camera', () => {
  let server: RunningServer;
  let tmp: string;
  let docCamera: string;
  let faceCamera: string;
  const browsers: Browser[] = [];
  /** The customer onboarded by the first test; the second sends it back and resubmits it. */
  let onboarded: { profileId: string; caseId: string; externalId: string } | null = null;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    tmp = makeTempDir('kyc-e2e-onboarding-');
    docCamera = y4m(PASSPORT, join(tmp, 'passport.y4m'), { still: true, width: 1280, height: 720, seconds: 2, fps: 5 });
    faceCamera = y4m(FACE_CLIP, join(tmp, 'face.y4m'), { still: false, width: 640, height: 480, seconds: 3.1, fps: 15 });
    // The engine runs: the pre-fill reads the MRZ and the liveness clips are verified for real.
    server = await startServe(['--data', join(tmp, 'data'), '--demo']);
  }, 240_000);
  afterAll(async () => {
    for (const b of browsers) await b.close();
    await server?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  /** Signed in as branch staff, the fake webcam playing `camera` (null: Chromium's own test pattern). */
  async function signedIn(camera: string | null): Promise<Page> {
    const browser = await launchChromium(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', ...(camera ? [`--use-file-for-fake-video-capture=${camera}`] : [])]);
    browsers.push(browser);
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    await context.grantPermissions(['camera'], { origin: server.url });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByLabel('Email').fill('branch@demo.kyc');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    return page;
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: join(artifacts, `e2e-onboarding-${name}.png`), fullPage: true });

  /**
   * Presses "Take photo" until `answer` shows. The shutter is enabled only while the live check
   * passes, and Chromium's test pattern darkens about once a second, so a press can land the
   * instant the button turns disabled and is (rightly) ignored.
   */
  async function pressShutter(scope: Page | Locator, answer: Locator): Promise<void> {
    const shutter = scope.getByRole('button', { name: 'Take photo' });
    await expect
      .poll(
        async () => {
          if ((await answer.count()) > 0) return true;
          if (await shutter.isEnabled()) await shutter.click({ timeout: 1_000 }).catch(() => undefined);
          return (await answer.count()) > 0;
        },
        { timeout: 30_000, interval: 200 },
      )
      .toBe(true);
  }

  it('runs the whole wizard as branch staff, is left and resumed, and ends in a submitted case', async () => {
    // Part 1, with the passport in front of the camera: consent, documents, pre-fill, personal information.
    const page = await signedIn(docCamera);
    await page.getByRole('button', { name: 'Go to onboarding' }).waitFor();
    await shot(page, '0-landing');
    await page.getByRole('button', { name: 'Go to onboarding' }).click();
    await page.getByRole('button', { name: 'New person' }).click();
    await page.getByRole('heading', { name: 'Where the customer stands' }).waitFor();
    const profileId = /#\/onboarding\/([\w-]+)/.exec(page.url())![1]!;
    await shot(page, '1-status');
    await page.getByRole('button', { name: 'Continue with Consent' }).click();

    await page.getByLabel(/has read consent text version 1/).check();
    await shot(page, '2-consent');
    await page.getByRole('button', { name: 'Record consent' }).click();

    await page.getByRole('heading', { name: 'Identity document' }).waitFor();
    await page.getByLabel('Upload a file for Document front').setInputFiles(PASSPORT);
    await page.locator('.doc-slot[data-kind="DOCUMENT_FRONT"] .doc-file').waitFor();
    const back = page.locator('.doc-slot[data-kind="DOCUMENT_BACK"]');
    await back.getByRole('button', { name: 'Use camera' }).click();
    await expect.poll(() => back.getByTestId('quality-message').textContent(), { timeout: 30_000 }).toContain('Good picture');
    await shot(page, '3-documents-camera');
    await pressShutter(back, back.getByRole('button', { name: 'Use this photo' }));
    await back.getByRole('button', { name: 'Use this photo' }).click();
    await back.locator('.doc-file').waitFor();
    await shot(page, '3-documents-done');
    await page.getByRole('button', { name: 'Continue', exact: true }).click();

    await page.getByRole('button', { name: 'Read the document' }).click();
    await page.locator('.prefill-table').waitFor({ timeout: 180_000 });
    // The specimen passport expired in 2011: said at once, with its expiry among the values read.
    expect(await page.getByTestId('prefill-expired').textContent()).toBe('This document expired on Aug 21, 2011: the verification will flag it for an officer. Ask the customer for a valid document.');
    expect(await page.locator('.prefill-table tr.expired td').first().textContent()).toBe('Expiry date');
    await shot(page, '4-prefill');
    await page.getByRole('button', { name: 'Use these values' }).click();

    await page.getByRole('heading', { name: 'Personal information' }).waitFor();
    // OCR filled the name and the expiry from the MRZ; everything else is typed.
    await expect.poll(() => page.getByLabel('Last name').inputValue()).toBe('Virtanen');
    expect(await page.getByLabel('Expires on').inputValue()).toBe('2011-08-21');
    // The form says so too, and stops saying it once a valid date is typed.
    expect(await page.getByTestId('document-expired').textContent()).toContain('This document expired on Aug 21, 2011');
    await page.getByLabel('Expires on').fill('2031-08-21');
    await expect.poll(() => page.getByTestId('document-expired').count()).toBe(0);
    await page.getByLabel('Expires on').fill('2011-08-21');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    // Field-by-field errors from the shared schema, before anything is sent.
    await expect.poll(() => page.locator('[data-field="email"] .field-error').textContent()).toBe('Required');
    await page.getByLabel('Phone').fill('+57 300');
    await shot(page, '5-personal-errors');
    const externalId = `fin-${profileId.slice(0, 8)}`;
    await page.getByLabel('External ID').fill(externalId);
    await page.getByLabel('Email').fill('maria.virtanen@example.fi');
    await page.getByLabel('Phone').fill('+358401234567');
    await expect.poll(() => page.locator('[data-field="phone"] .field-error').count()).toBe(0);
    await page.locator('[data-field="address.street1"] input').fill('Mannerheimintie 1');
    await page.getByLabel('City').fill('Helsinki');
    await page.getByLabel('State').fill('Uusimaa');
    await page.getByLabel('Postal code').fill('00100');
    await page.locator('[data-field="address.countryCode"] select').selectOption('FI');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.getByRole('heading', { name: 'Selfie and liveness' }).waitFor();
    await shot(page, '5-personal-saved');
    await page.context().browser()!.close();

    // Part 1b, Chromium's own test pattern as the camera: good light and focus, but no face. The
    // selfie is refused while the customer is still there, and nothing is kept (part 2 finds the
    // liveness step still to do).
    const blank = await signedIn(null);
    await blank.getByRole('button', { name: 'Go to onboarding' }).click();
    await blank.getByRole('row', { name: new RegExp(`Maria Olivia Virtanen.*${externalId}`) }).click();
    await blank.getByRole('button', { name: 'Continue with Liveness' }).click();
    await expect.poll(() => blank.getByTestId('quality-message').textContent(), { timeout: 30_000 }).toContain('Good picture');
    // Chromium can fail to encode the shot (toBlob answers null): the press is answered, not lost.
    await blank.evaluate(`{
      const proto = HTMLCanvasElement.prototype;
      const real = proto.toBlob;
      proto.toBlob = function (callback) {
        proto.toBlob = real;
        callback(null);
      };
    }`);
    await pressShutter(blank, blank.getByTestId('take-failed'));
    expect(await blank.getByTestId('take-failed').textContent()).toBe('The photo could not be taken. Hold still and press “Take photo” again.');
    expect(await blank.getByRole('button', { name: 'Use this photo' }).count()).toBe(0);
    await pressShutter(blank, blank.getByRole('button', { name: 'Use this photo' }));
    await blank.getByRole('button', { name: 'Use this photo' }).click();
    expect(await blank.getByTestId('take-failed').count()).toBe(0);
    await expect.poll(() => blank.getByTestId('selfie-no-face').textContent(), { timeout: 60_000 }).toBe("No face was found in that photo, so it was not kept. Retake it with the customer's whole face in the frame.");
    expect(await blank.getByRole('button', { name: 'Retake' }).count()).toBe(1);
    await shot(blank, '6-selfie-no-face');
    // Liveness is not required to submit, so staff are never held at this step by the camera.
    await blank.getByRole('button', { name: 'Continue without a liveness check; the reviewer will see that none was done' }).click();
    await blank.getByRole('heading', { name: 'Agreements and disclosures' }).waitFor();
    await blank.context().browser()!.close();

    // Part 2, another session with a face in front of the camera: resume, selfie, liveness, agreements, submit.
    const face = await signedIn(faceCamera);
    await face.getByRole('button', { name: 'Go to onboarding' }).click();
    // The demo store holds another Maria Virtanen (same specimen passport): pick ours by its external ID.
    await face.getByRole('row', { name: new RegExp(`Maria Olivia Virtanen.*${externalId}`) }).click();
    // The status screen knows where the wizard was left: everything up to the liveness step is done.
    await expect.poll(() => face.locator('.step-checklist li.done').count()).toBe(3);
    await shot(face, '6-resumed-status');
    await face.getByRole('button', { name: 'Continue with Liveness' }).click();
    await expect.poll(() => face.getByTestId('quality-message').textContent(), { timeout: 30_000 }).toContain('Good picture');
    await pressShutter(face, face.getByRole('button', { name: 'Use this photo' }));
    await face.getByRole('button', { name: 'Use this photo' }).click();
    await face.getByRole('button', { name: 'Start the challenge' }).click();
    const actions: string[] = [];
    for (let i = 1; i <= 3; i++) {
      await face.getByText(`Action ${i} of 3`).waitFor();
      actions.push((await face.getByTestId('liveness-action').textContent()) ?? '');
      if (i === 1) {
        await expect.poll(() => face.getByRole('button', { name: 'Record this action' }).isEnabled(), { timeout: 20_000 }).toBe(true);
        await shot(face, '6-liveness-action');
      }
      await face.getByRole('button', { name: 'Record this action' }).click();
      if (i < 3) await face.getByText(`Action ${i + 1} of 3`).waitFor({ timeout: 20_000 });
    }
    expect(new Set(actions).size).toBe(3);
    // While the clips are checked, the time it has taken counts up, and staff may go on.
    const verifying = face.locator('.notice.verifying');
    await verifying.waitFor();
    await expect.poll(() => verifying.textContent(), { timeout: 10_000 }).toMatch(/[1-9]\d* s so far/);
    expect(await verifying.getByRole('button', { name: 'Go on with the agreements' }).isEnabled()).toBe(true);
    await shot(face, '6-liveness-verifying');
    await face.getByTestId('liveness-result').waitFor({ timeout: 240_000 });
    await shot(face, '6-liveness-result');
    await face.getByRole('button', { name: /^Continue/ }).click();

    await face.getByRole('heading', { name: 'Agreements and disclosures' }).waitFor();
    for (const box of await face.getByLabel(/The customer accepts this/).all()) await box.check();
    await shot(face, '7-agreements');
    await face.getByRole('button', { name: 'Accept and continue' }).click();

    await face.getByRole('heading', { name: 'Submit for review' }).waitFor();
    await shot(face, '8-submit');
    await face.getByRole('button', { name: 'Submit for review' }).click();
    await face.getByRole('heading', { name: 'Application submitted' }).waitFor();
    await shot(face, '8-submitted');
    // The reference to give the customer is their external ID, not an internal id.
    expect(await face.getByTestId('submission-reference').textContent()).toBe(externalId);
    // The same screens in Simplified Chinese.
    await face.getByLabel('Language').selectOption('zh-CN');
    await face.getByRole('heading', { name: '申请已提交' }).waitFor();
    await face.getByRole('button', { name: '状态' }).click();
    await face.getByRole('heading', { name: '客户办理进度' }).waitFor();
    await shot(face, '9-status-zh');
    await face.getByLabel('语言').selectOption('en');

    // The service agrees: a submitted case with every document, the clips and the audit trail.
    const token = await tokenFor(server.url, 'branch@demo.kyc', DEMO_PASSWORD);
    const status = await rpc<IntakeStatus>(server.url, 'intake.status', { profileId }, token);
    if (!status.body.ok) throw new Error(status.body.error.message);
    const s = status.body.value;
    expect(s.steps).toEqual({ consent: true, documents: true, personalInfo: true, liveness: true, agreements: true, submitted: true });
    expect(['SUBMITTED', 'IN_REVIEW', 'APPROVED']).toContain(s.caseStatus);
    expect(s.profile?.type === 'PERSON' && s.profile.data.lastName).toBe('Virtanen');
    expect(s.profile?.type === 'PERSON' && s.profile.data.document?.type).toBe('PASSPORT');
    const officer = await tokenFor(server.url, 'officer@demo.kyc', DEMO_PASSWORD);
    const detail = await rpc<CaseDetail>(server.url, 'cases.get', { id: s.caseId }, officer);
    if (!detail.body.ok) throw new Error(detail.body.error.message);
    const kinds = detail.body.value.evidence.map((e) => e.kind);
    for (const k of ['DOCUMENT_FRONT', 'DOCUMENT_BACK', 'SELFIE', 'LIVENESS_CLIP']) expect(kinds).toContain(k);
    expect(kinds.filter((k) => k === 'LIVENESS_CLIP')).toHaveLength(3);
    const auditor = await tokenFor(server.url, 'auditor@demo.kyc', DEMO_PASSWORD);
    const events = await rpc<AuditEvent[]>(server.url, 'audit.list', { limit: 1000 }, auditor);
    if (!events.body.ok) throw new Error(events.body.error.message);
    onboarded = { profileId, caseId: s.caseId!, externalId };
    const mine = events.body.value.filter((e) => e.profileId === profileId || e.caseId === s.caseId).map((e) => e.type);
    for (const type of ['intake.begun', 'intake.consent_recorded', 'intake.document_added', 'profile.created', 'liveness.verified', 'intake.agreements_accepted', 'intake.submitted']) {
      expect(mine).toContain(type);
    }
  }, 900_000);

  it('after a resubmission request, adds supplementary documents and resubmits', async () => {
    if (!onboarded) throw new Error('the first test did not finish onboarding');
    const { profileId, caseId } = onboarded;
    const officer = await tokenFor(server.url, 'officer@demo.kyc', DEMO_PASSWORD);
    // Let the engine finish with the case first, so the officer decides on a version that stays put.
    await expect
      .poll(async () => {
        const a = await rpc<{ jobs: { status: string }[] }>(server.url, 'analysis.status', { caseId }, officer);
        return a.body.ok && a.body.value.jobs.every((j) => !['queued', 'running'].includes(j.status));
      }, { timeout: 180_000, interval: 1000 })
      .toBe(true);
    const claimed = await rpc<{ version: number }>(server.url, 'cases.claim', { id: caseId }, officer);
    if (!claimed.body.ok) throw new Error(claimed.body.error.message);
    const decided = await rpc(server.url, 'cases.decide', { caseId, action: 'request_resubmission', reasonCode: 'MISSING_BACK_SIDE', customerMessage: 'Please add a clear copy of the back and a proof of address.', resubmitItems: ['DOCUMENT_BACK'], expectedVersion: claimed.body.value.version }, officer);
    if (!decided.body.ok) throw new Error(decided.body.error.message);

    const page = await signedIn(docCamera);
    await page.getByRole('button', { name: 'Go to onboarding' }).click();
    await page.locator('.queue-row').first().waitFor();
    await shot(page, '0-customers');
    await page.getByRole('row', { name: new RegExp(onboarded.externalId) }).click();
    await page.getByText('The reviewer asked for a resubmission').waitFor();
    await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('Resubmission requested');
    await shot(page, '10-resubmission-status');
    await page.getByRole('button', { name: 'Continue with Documents' }).click();
    const backSlot = page.locator('.doc-slot[data-kind="DOCUMENT_BACK"]');
    await expect.poll(() => backSlot.locator('.badge').textContent()).toBe('New copy needed');
    await page.getByLabel('Upload a file for Document back').setInputFiles(join(root, 'resources/demo/set1_doc_back.png'));
    await expect.poll(() => backSlot.locator('.badge').textContent()).toBe('On file');
    await page.getByLabel('Upload a file for Supplementary document').setInputFiles({ name: 'utility-bill.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
    await page.locator('.doc-slot[data-kind="SUPPLEMENTARY"] .doc-file').waitFor();
    // A file that is not JPG, PNG or PDF is refused in the browser, by the service's own rule.
    await page.getByLabel('Upload a file for Proof of address').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await expect.poll(() => page.locator('.doc-slot[data-kind="PROOF_OF_ADDRESS"] .field-error').textContent()).toBe('Only JPG, PNG or PDF files can be added.');
    await shot(page, '10-resubmission-documents');
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    await page.getByRole('button', { name: 'Resubmit for review' }).click();
    await page.getByRole('heading', { name: 'Application submitted' }).waitFor();
    // Focus moves to the heading that says so (the button pressed is gone), and the next customer is one step away.
    await expect.poll(() => page.getByRole('heading', { name: 'Application submitted' }).evaluate((el) => el.ownerDocument.activeElement === el)).toBe(true);
    expect(await page.getByRole('link', { name: 'Next customer' }).getAttribute('href')).toBe('#/onboarding');

    const token = await tokenFor(server.url, 'branch@demo.kyc', DEMO_PASSWORD);
    const status = await rpc<IntakeStatus>(server.url, 'intake.status', { profileId }, token);
    if (!status.body.ok) throw new Error(status.body.error.message);
    expect(['SUBMITTED', 'IN_REVIEW']).toContain(status.body.value.caseStatus);
    expect(status.body.value.resubmission).toBeNull();
    expect(status.body.value.documents.map((d) => d.kind)).toEqual(expect.arrayContaining(['SUPPLEMENTARY', 'DOCUMENT_BACK']));
    expect(status.body.value.documents.filter((d) => d.kind === 'DOCUMENT_BACK')).toHaveLength(2);
  }, 600_000);

  it('onboards a company: owners picked from existing persons or created on the spot, optional sections checked', async () => {
    if (!onboarded) throw new Error('the first test did not finish onboarding');
    const page = await signedIn(docCamera);
    await page.getByRole('button', { name: 'Go to onboarding' }).click();
    await page.getByRole('button', { name: 'New company' }).click();
    await page.getByRole('heading', { name: 'Where the customer stands' }).waitFor();
    const profileId = /#\/onboarding\/([\w-]+)/.exec(page.url())?.[1] ?? '';
    await page.getByRole('button', { name: 'Continue with Consent' }).click();
    await page.getByLabel(/has read consent text version 1/).check();
    await page.getByRole('button', { name: 'Record consent' }).click();
    // A company's wizard: its registration document, no pre-fill and no selfie or liveness check
    // (its owners are verified in their own applications), its information named as a company's.
    await page.getByRole('heading', { name: 'Company registration document' }).waitFor();
    const stepper = await page.locator('.stepper .step-label').allTextContents();
    expect(stepper).toEqual(['Status', 'Consent', 'Documents', 'Company information', 'Agreements', 'Submit']);
    await page.getByLabel('Upload a file for Document front').setInputFiles(join(root, 'resources/demo/set1_doc_front.png'));
    await page.locator('.doc-slot[data-kind="DOCUMENT_FRONT"] .doc-file').waitFor();
    await page.getByRole('button', { name: 'Continue', exact: true }).click();

    await page.getByRole('heading', { name: 'Company information' }).waitFor();
    await page.getByLabel('Add the investment profile').check();
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect.poll(() => page.locator('[data-field="mainOwnerUser"] .field-error').count()).toBe(1);
    await expect.poll(() => page.locator('[data-field="investmentProfile.totalAssets"] .field-error').textContent()).toBe('Required');
    await shot(page, '11-company-errors');
    await page.getByLabel('Add the investment profile').uncheck();

    // The main owner is the person onboarded above, found by name.
    await page.getByLabel('Find an existing person').fill(onboarded.externalId);
    await page.locator('.owner-results li', { hasText: onboarded.externalId }).getByRole('button', { name: 'Main owner' }).click();
    await expect.poll(() => page.getByTestId('main-owner').textContent()).toBe('Maria Olivia Virtanen');
    // A second owner is created here, with the same rules as any person. The owner search behind
    // the dialog answers while the dialog is open (held here until then): its re-render must not
    // move the focus out of the field being typed in.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/rpc/intake.list', async (route) => {
      await held;
      await route.continue();
    });
    await page.getByLabel('Find an existing person').fill('Gómez');
    await page.getByRole('button', { name: 'Create a new person' }).click();
    const dialog = page.getByRole('dialog', { name: 'New person (company owner)' });
    const lastName = dialog.locator('[data-field="lastName"] input');
    await lastName.click();
    const answered = page.waitForResponse('**/rpc/intake.list');
    release();
    await answered;
    // React commits the results within a frame or two of the answer.
    await page.waitForTimeout(300);
    expect(await lastName.evaluate((el) => el.ownerDocument.activeElement === el)).toBe(true);
    await page.unroute('**/rpc/intake.list');
    await dialog.getByRole('button', { name: 'Create person' }).click();
    await expect.poll(() => dialog.locator('.field-error').count()).toBeGreaterThan(5);
    const fill = (path: string, value: string) => dialog.locator(`[data-field="${path}"] input`).fill(value);
    await fill('externalId', `co-owner-${profileId.slice(0, 6)}`);
    // Tab stays inside the dialog: from its last control it comes back to its first, never to the page behind.
    const inDialog = () => dialog.evaluate((el) => el.contains(el.ownerDocument.activeElement));
    await dialog.getByRole('button').last().focus();
    await page.keyboard.press('Tab');
    expect(await inDialog()).toBe(true);
    await page.keyboard.press('Shift+Tab');
    expect(await inDialog()).toBe(true);
    // Escape with details typed asks before throwing them away; dismissed, the dialog stays.
    page.once('dialog', (d) => void d.dismiss());
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(1);
    await fill('firstName', 'Andrés');
    await fill('lastName', 'Gómez');
    await fill('dateOfBirth', '1985-03-14');
    await fill('email', `andres.${profileId.slice(0, 6)}@example.co`);
    await fill('phone', '+573001234567');
    await fill('address.street1', 'Carrera 7 # 71-21');
    await fill('address.city', 'Bogotá');
    await fill('address.state', 'Cundinamarca');
    await fill('address.zipCode', '110231');
    await dialog.locator('[data-field="address.countryCode"] select').selectOption('CO');
    await dialog.locator('[data-field="document.issuedCountryCode"] select').selectOption('CO');
    await dialog.locator('[data-field="document.type"] select').selectOption('NUIP');
    await fill('document.number', '12345');
    await dialog.getByRole('button', { name: 'Create person' }).click();
    // The NUIP rule of shared/documentTypes, shown under the number.
    await expect.poll(() => dialog.locator('[data-field="document.number"] .field-error').textContent()).toContain('10 digits');
    await fill('document.number', '1020304050');
    await dialog.getByRole('button', { name: 'Create person' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('.owners-chosen .chip', { hasText: 'Andrés Gómez' }).waitFor();

    await page.locator('[data-field="externalId"] input').fill(`co-${profileId.slice(0, 8)}`);
    await page.getByLabel('Company name').fill('Andes Trading S.A.S.');
    // Leave with unsaved typing and come back: the server-side draft brings it all back.
    await page.getByRole('button', { name: '← All customers' }).click();
    await page.getByRole('row', { name: /New application \(no name yet\)/ }).first().click();
    // The draft's screen is also the next open one (a company has no pre-fill step): one way on.
    const onwards = page.getByRole('button', { name: 'Continue with Company information' });
    await onwards.waitFor();
    expect(await page.getByRole('button', { name: /^Resume at/ }).count()).toBe(0);
    await onwards.click();
    await expect.poll(() => page.getByLabel('Company name').inputValue()).toBe('Andes Trading S.A.S.');
    await expect.poll(() => page.getByTestId('main-owner').textContent()).toBe('Maria Olivia Virtanen');
    await page.locator('.owners-chosen .chip', { hasText: 'Andrés Gómez' }).waitFor();
    // Typing reloaded away at once (before the draft's debounce) is kept: it is sent as the page goes.
    await page.getByLabel('Company name').fill('Andes Trading S.A.S. (branch)');
    // After a reload the chosen owners are named even when the search list (first 8 persons) does not hold them.
    await page.route('**/rpc/intake.list', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ok: true, value: [] }) }));
    await page.reload();
    await page.getByRole('button', { name: /^(Continue with|Resume at) Company information$/ }).first().click();
    await expect.poll(() => page.getByTestId('main-owner').textContent()).toBe('Maria Olivia Virtanen');
    await page.locator('.owners-chosen .chip', { hasText: 'Andrés Gómez' }).waitFor();
    await page.unroute('**/rpc/intake.list');
    await expect.poll(() => page.getByLabel('Company name').inputValue()).toBe('Andes Trading S.A.S. (branch)');
    await page.getByLabel('Company name').fill('Andes Trading S.A.S.');
    await page.locator('[data-field="address.street1"] input').fill('Calle 93 # 11-26');
    await page.getByLabel('City').fill('Bogotá');
    await page.getByLabel('State').fill('Cundinamarca');
    await page.getByLabel('Postal code').fill('110221');
    await page.locator('[data-field="address.countryCode"] select').selectOption('CO');
    await page.locator('[data-field="document.issuedCountryCode"] select').selectOption('CO');
    await page.locator('[data-field="document.type"] select').selectOption('NIT');
    await page.locator('[data-field="document.number"] input').fill('900123456-7');
    await page.getByLabel('Add the AML / KYC profile').check();
    await page.locator('[data-field="kycProfile.fundsSendReceiveJurisdictions"] select').selectOption('CO');
    await page.getByLabel('None of these').check();
    await page.locator('[data-field="kycProfile.regulatedStatus"] select').selectOption('NOT_REQUIRED');
    await page.locator('[data-field="kycProfile.descriptionOfBusinessNature"] input').fill('Wholesale of coffee and cocoa');
    await shot(page, '11-company-form');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.getByRole('heading', { name: 'Agreements and disclosures' }).waitFor();
    await page.getByRole('button', { name: 'Status', exact: true }).click();
    const checklist = await page.locator('.step-checklist li').allTextContents();
    expect(checklist.filter((x) => /Liveness/.test(x))).toEqual([]);
    expect(checklist).toHaveLength(5);
    expect(checklist.some((x) => x.includes('Company information saved'))).toBe(true);
    // The submit screen speaks of a company: no liveness line, its information named as a company's.
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    await page.locator('.summary-list').waitFor();
    expect(await page.locator('.summary-list dt').allTextContents()).not.toContain('Liveness');
    const toSubmit = await page.locator('.step-checklist li').allTextContents();
    expect(toSubmit.some((x) => x.includes('Company information saved'))).toBe(true);
    expect(toSubmit.some((x) => x.includes('Personal information'))).toBe(false);

    const token = await tokenFor(server.url, 'branch@demo.kyc', DEMO_PASSWORD);
    const saved = await rpc<Profile>(server.url, 'profiles.get', { id: profileId }, token);
    if (!saved.body.ok) throw new Error(saved.body.error.message);
    const company = saved.body.value;
    expect(company.type).toBe('COMPANY');
    if (company.type !== 'COMPANY') return;
    expect(company.data.mainOwnerUser).toBe(onboarded.profileId);
    expect(company.data.ownerUsers).toHaveLength(1);
    expect(company.data.investmentProfile).toBeUndefined();
    expect(company.data.kycProfile).toMatchObject({ fundsSendReceiveJurisdictions: ['CO'], engageInActivities: ['NONE'], regulatedStatus: 'NOT_REQUIRED' });
    const owner = await rpc<Profile>(server.url, 'profiles.get', { id: company.data.ownerUsers[0] }, token);
    expect(owner.body.ok && owner.body.value.displayName).toBe('Andrés Gómez');
  }, 600_000);

  it("discards applications abandoned before the customer's details were saved, from the list and from the status page", async () => {
    const page = await signedIn(null);
    const accepted: string[] = [];
    page.on('dialog', (d) => {
      accepted.push(d.message());
      void d.accept();
    });
    await page.getByRole('button', { name: 'Go to onboarding' }).click();
    // Begun with consent, then left: the list shows it as the wizard does, in progress.
    await page.getByRole('button', { name: 'New person' }).click();
    await page.getByRole('heading', { name: 'Where the customer stands' }).waitFor();
    const withConsent = /#\/onboarding\/([\w-]+)/.exec(page.url())![1]!;
    await page.getByRole('button', { name: 'Continue with Consent' }).click();
    await page.getByLabel(/has read consent text version 1/).check();
    await page.getByRole('button', { name: 'Record consent' }).click();
    await page.getByRole('heading', { name: 'Identity document' }).waitFor();
    await page.getByRole('button', { name: /All customers/ }).click();
    const unnamed = page.locator('.customers tbody tr', { hasText: 'New application (no name yet)' });
    await unnamed.first().waitFor();
    const before = await unnamed.count();
    await expect.poll(() => unnamed.first().locator('.badge').textContent()).toBe('In progress');
    await shot(page, '9-unfinished-listed');
    await unnamed.first().getByRole('button', { name: /Discard the unfinished application/ }).click();
    // Two records: the consent, and the draft the wizard keeps of where it was left.
    await expect.poll(() => page.locator('.toast').last().textContent()).toContain('Deleted: records 2, stored files 0');
    await expect.poll(() => unnamed.count()).toBe(before - 1);
    // Discarding from the row never opened the application.
    expect(page.url()).toMatch(/#\/onboarding$/);

    // Begun and left at once: its status page discards it and returns to the list.
    await page.getByRole('button', { name: 'New person' }).click();
    await page.getByRole('heading', { name: 'Where the customer stands' }).waitFor();
    const empty = /#\/onboarding\/([\w-]+)/.exec(page.url())![1]!;
    await shot(page, '9-discard-from-status');
    await page.getByRole('button', { name: 'Discard this application…' }).click();
    await page.getByRole('heading', { name: 'Onboarding', exact: true }).waitFor();
    await expect.poll(() => page.locator('.toast').last().textContent()).toContain('nothing had been recorded');
    expect(accepted).toHaveLength(2);
    expect(accepted[0]).toContain('deleted for good');

    const token = await tokenFor(server.url, 'branch@demo.kyc', DEMO_PASSWORD);
    for (const profileId of [withConsent, empty]) {
      const gone = await rpc<IntakeStatus>(server.url, 'intake.status', { profileId }, token);
      expect(gone.body.ok ? 'still there' : gone.body.error.code).toBe('CASE.0001');
    }
  }, 300_000);
});
