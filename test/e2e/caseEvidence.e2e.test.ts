import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/tempService';
import { startServe, type RunningServer } from '../helpers/serveProcess';
import { chromiumAvailable, launchChromium } from '../helpers/chromium';
import { rpc, tokenFor } from '../helpers/rpc';
import { personInput } from '../helpers/profileFixtures';
import { demoImage } from '../helpers/analysisSetup';
import { DEFAULT_POLICY } from '../../electron/service/analysis/defaultPolicy';
import type { LivenessSession } from '../../shared/schemas/liveness';
import type { Profile } from '../../shared/schemas/profile';
import type { QueuePage } from '../../shared/schemas/case';
import { signInPage } from '../helpers/signInPage';

const artifacts = join(import.meta.dirname, '../../test-artifacts');
const ffmpeg = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;
const ADMIN = { email: 'admin@e2e.kyc', password: 'e2e-admin-password-1' };
const PASSWORD = 'e2e-operator-password-1';

/** A real H.264 clip from ffmpeg's test source (no face: the actions are not detected). */
function testClip(): string {
  const out = join(makeTempDir('kyc-e2e-clip-'), 'clip.mp4');
  execFileSync(ffmpeg, ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=s=320x240:d=2:r=15', '-pix_fmt', 'yuv420p', out]);
  return readFileSync(out).toString('base64');
}

describe.skipIf(!chromiumAvailable)('case review with the engine on: MRZ under the document, liveness key frames', () => {
  let server: RunningServer;
  let browser: Browser;
  let caseId = '';
  let officerToken = '';

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    // No demo store here: its submitted cases would all queue for the engine.
    server = await startServe(['--data', makeTempDir('kyc-e2e-evidence-'), '--admin-email', ADMIN.email, '--admin-password', ADMIN.password], 240_000);
    browser = await launchChromium();
    const admin = await tokenFor(server.url, ADMIN.email, ADMIN.password);
    for (const [email, role] of [
      ['staff@e2e.kyc', 'branch_staff'],
      ['officer@e2e.kyc', 'officer'],
    ] as const) {
      const r = await rpc(server.url, 'operators.create', { email, displayName: role === 'officer' ? 'Olga Officer' : 'Sam Staff', role, password: PASSWORD }, admin);
      expect(r.body.ok).toBe(true);
    }
    const staff = await tokenFor(server.url, 'staff@e2e.kyc', PASSWORD);
    const p = await rpc<Profile>(server.url, 'profiles.createPerson', personInput({ firstName: 'Anna Maria', lastName: 'Eriksson', document: { type: 'PASSPORT', number: 'L898902C3', issuedCountryCode: 'CO' } }), staff);
    if (!p.body.ok) throw new Error(p.body.error.message);
    const officer = await tokenFor(server.url, 'officer@e2e.kyc', PASSWORD);
    const list = await rpc<QueuePage>(server.url, 'cases.list', { search: p.body.value.externalId }, officer);
    if (!list.body.ok) throw new Error(list.body.error.message);
    caseId = list.body.value.rows[0]!.id;
    expect((await rpc(server.url, 'cases.start', { id: caseId }, staff)).body.ok).toBe(true);
    for (const [kind, name, mimeType] of [
      ['DOCUMENT_FRONT', 'pe_100_pass-uto.jpg', 'image/jpeg'],
      ['SELFIE', 'set1_selfie.png', 'image/png'],
    ] as const) {
      const r = await rpc(server.url, 'evidence.add', { caseId, kind, fileName: name, mimeType, dataBase64: demoImage(name).toString('base64') }, staff);
      expect(r.body.ok).toBe(true);
    }
    const session = await rpc<LivenessSession>(server.url, 'liveness.start', { caseId }, staff);
    if (!session.body.ok) throw new Error(session.body.error.message);
    const clip = testClip();
    const verified = await rpc<LivenessSession>(server.url, 'liveness.verify', { sessionId: session.body.value.id, clips: session.body.value.actions.map((action) => ({ action, mimeType: 'video/mp4', dataBase64: clip })) }, staff);
    if (!verified.body.ok) throw new Error(verified.body.error.message);
    // Submitting queues the engine's run (MRZ, face, checks).
    expect((await rpc(server.url, 'cases.submit', { id: caseId }, staff)).body.ok).toBe(true);
    officerToken = officer;
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the MRZ under the document with a mark on every check digit, and each liveness action with its key frames', async () => {
    // The engine's run (MRZ, face, checks) was queued by the submission.
    await expect
      .poll(
        async () => {
          const s = await rpc<{ result: unknown }>(server.url, 'analysis.status', { caseId }, officerToken);
          return s.body.ok && s.body.value.result !== null;
        },
        { timeout: 240_000, interval: 2000 },
      )
      .toBe(true);
    // The officer takes the case, so its single-key decisions are live on the page.
    const taken = await rpc<{ id: string } | null>(server.url, 'cases.takeNext', {}, officerToken);
    expect(taken.body.ok && taken.body.value?.id).toBe(caseId);
    const page = await signInPage(await browser.newPage({ viewport: { width: 1440, height: 900 } }), server.url, 'officer@e2e.kyc', PASSWORD);
    await page.locator('.queue-row').first().waitFor();
    await page.goto(`${server.url}/#/case/${caseId}`);

    // The MRZ sits in the documents panel, monospace, check digits marked pass or fail.
    const strip = page.locator('section[aria-labelledby="docs-title"] .mrz-strip');
    await strip.waitFor();
    const lines = await strip.locator('.mrz-line').allTextContents();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^P<UTO/);
    expect(lines[1]!.length).toBe(44);
    const font = await strip.locator('.mrz-text').evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { fontFamily: string } }).getComputedStyle(el).fontFamily);
    expect(font).toMatch(/monospace/);
    const digits = strip.locator('.mrz-digit');
    expect(await digits.count()).toBeGreaterThanOrEqual(4);
    const marks = await digits.evaluateAll((els) => els.map((e) => ({ check: e.getAttribute('data-check'), valid: e.getAttribute('data-valid'), text: e.textContent })));
    // The document-number check digit of the ICAO specimen is position 10 of line 2.
    const docNumber = marks.find((m) => m.check === 'documentNumber');
    expect(docNumber?.text).toBe(lines[1]![9]);
    for (const m of marks) expect(['true', 'false']).toContain(m.valid);
    expect(await strip.locator('.mrz-legend li').count()).toBe(marks.length);

    // The face score comes with its threshold and the error rates measured at it.
    const face = page.locator('[data-testid="face-score"]');
    await face.waitFor();
    const rates = await face.locator('[data-testid="face-error-rates"]').textContent();
    expect(rates).toMatch(new RegExp(`^At threshold ${DEFAULT_POLICY.faceMatch.matchThreshold}, measured on \\d+ labelled photos of \\d+ people \\(every pair\\): false match rate \\d+\\.\\d+% \\[`));
    expect(rates).toContain('aims at a false match rate of at most 0.1%');
    // The shipped calibration's interval still reaches above the target (14 people): the page says so.
    expect(await face.locator('[data-testid="face-target-unproven"]').textContent()).toMatch(/^With \d+ people the interval still reaches above 0\.1%: the target is aimed at, not yet shown\.$/);
    // And with the two similarities the fused score came from.
    expect(await face.locator('[data-testid="face-score-components"]').textContent()).toMatch(/^Fused from face-api similarity \d\.\d{3} and MobileFace similarity -?\d\.\d{3},/);
    // The bar shows the score with the bands the policy judged it by, on one 0-1 scale.
    const bar = face.locator('[data-testid="face-score-bar"]');
    expect(await bar.getAttribute('aria-label')).toBe(
      `Face score ${(await face.locator('.face-score strong').textContent())!} on a scale of 0 to 1: declined below ${(DEFAULT_POLICY.face_match_score_decline_threshold / 100).toFixed(2)}, sent to an officer below ${DEFAULT_POLICY.faceMatch.matchThreshold}, a match from ${DEFAULT_POLICY.faceMatch.matchThreshold}.`,
    );
    const tick = await bar.locator('.face-bar-threshold').boundingBox();
    const track = await bar.boundingBox();
    expect(Math.abs((tick!.x + tick!.width / 2 - track!.x) / track!.width - DEFAULT_POLICY.faceMatch.matchThreshold)).toBeLessThan(0.01);
    await face.screenshot({ path: join(artifacts, 'e2e-face-score-bar.png') });
    // The shipped threshold meets its target: no warning; the score is the current engine's, as the rates are.
    expect(await face.locator('[data-testid="face-threshold-warning"]').count()).toBe(0);
    expect(await face.locator('[data-testid="face-score-older-engine"]').count()).toBe(0);

    // Cross-checks are named by the field they compare, with how it was compared beside the result.
    const numberRow = page.locator('.cross-checks tr[data-code="DOCUMENT_NUMBER_MISMATCH"] td');
    expect(await numberRow.allTextContents()).toEqual(['Document number', 'L898902C3', 'L898902C3', 'Pass', 'Document number on the document against the profile']);
    expect(await page.locator('.cross-checks th').allTextContents()).toEqual(['Field', 'Entered', 'Document', 'Result', 'How it was compared']);

    // Liveness: three actions, each with its verdict and four decoded key frames.
    const liveness = page.locator('.liveness-panel');
    await liveness.locator('.liveness-action').first().waitFor();
    expect(await liveness.locator('.liveness-action').count()).toBe(3);
    await expect.poll(() => liveness.locator('.badge').first().textContent()).toBe('Failed');
    expect(await liveness.locator('.outcome', { hasText: 'Not detected' }).count()).toBe(3);
    // The clips' face against the selfie, beside the actions (a session fails on it alone): the test
    // clip has no face, so no comparison was made, and the line says why.
    const clipFace = liveness.locator('[data-testid="liveness-face-match"]');
    expect(await clipFace.getAttribute('data-outcome')).toBe('none');
    expect(await clipFace.textContent()).toMatch(/^The face in the clips was not compared with the selfie: no face found in a liveness clip/);
    // In Chinese the engine's reasons and details read in Chinese: the service sends them as data
    // beside its English, and the UI words them (shared/schemas/engineText.ts).
    await page.getByLabel('Language').selectOption('zh-CN');
    await expect.poll(() => numberRow.last().textContent()).toBe('证件上的证件号码与客户资料比对');
    // What the next KYC level needs, too (the API answers keys, shared/kycLevels.ts).
    expect(await page.locator('.hint', { hasText: '升至下一 KYC 等级还需要' }).textContent()).not.toMatch(/[a-z]{4}/);
    expect(await clipFace.textContent()).toContain('有一段活体视频中未找到人脸，无法与自拍比对');
    expect(await page.locator('.check-row[data-check="liveness"]').textContent()).toContain('活体检测挑战未通过：要求的 3 个动作中识别到 0 个');
    // The engine's own timeline entries name it in Chinese (the chain keeps the English name it recorded).
    expect(await page.locator('.timeline').first().textContent()).toContain('核验引擎');
    expect(await page.locator('.timeline').first().textContent()).not.toContain('verification engine');
    // The submitted time's age is worded in Chinese ("0 分钟"), not with English units ("20d 19h").
    expect(await page.locator('.case-meta').textContent()).toMatch(/\(\d+(分钟|小时|天)[^)]*前\)/);
    await page.getByLabel('语言').selectOption('en');
    await expect.poll(() => numberRow.last().textContent()).toBe('Document number on the document against the profile');
    // In English as words, never as the keys (approvedReview).
    const needs = await page.locator('.hint', { hasText: 'Next KYC level needs' }).textContent();
    expect(needs).toMatch(/^Next KYC level needs: .+\.$/);
    expect(needs).not.toMatch(/[a-z][A-Z]/);
    const frames = liveness.locator('img[data-key-frame]');
    await expect.poll(() => frames.count(), { timeout: 20_000 }).toBe(12);
    await expect
      .poll(() => frames.evaluateAll((els) => els.every((el) => { const i = el as unknown as { complete: boolean; naturalWidth: number }; return i.complete && i.naturalWidth === 160; })))
      .toBe(true);
    await strip.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, 'e2e-case-mrz-liveness.png'), fullPage: true });

    // A key frame opens in the viewer.
    await liveness.getByRole('button', { name: /Open viewer: Frame 1 of 4/ }).first().click();
    await page.getByRole('dialog').waitFor();
    const caseUrl = page.url();
    // The case's single-key actions wait while the viewer is open: no decision form behind it.
    await page.keyboard.press('a');
    expect(await page.locator('.decision-form').count()).toBe(0);
    // Escape closes the viewer and only the viewer: the officer stays on the case (on the page
    // itself Escape goes back to the queue).
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(page.url()).toBe(caseUrl);
    // With the viewer closed the same key opens the form (the officer holds the case).
    await page.keyboard.press('a');
    await page.locator('.decision-form').waitFor();
    // Approving against the engine restates what it found, where the click is made.
    expect(await page.locator('.decision-form .open-findings').textContent()).toMatch(/^The engine’s findings on this case:face match score [\d.]+ below the decline threshold 30/);
    await page.getByRole('button', { name: 'Cancel' }).click();
    // "s" opens the resubmission form with no reason chosen: the letter does not go on to pick
    // SELFIE_QUALITY by the reason list's type-ahead.
    await page.keyboard.press('s');
    const reason = page.locator('.decision-form').getByLabel('Reason');
    await expect.poll(() => reason.evaluate((el) => el.ownerDocument.activeElement === el)).toBe(true);
    expect(await reason.inputValue()).toBe('');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.url()).not.toBe(caseUrl);
    await page.close();
  }, 400_000);

  it('shows the engine verdict, risk and type of each case in full in a 1024 px window', async () => {
    const page = await signInPage(await browser.newPage({ viewport: { width: 1024, height: 768 } }), server.url, 'officer@e2e.kyc', PASSWORD);
    await page.locator('.queue-row .risk-chip').first().waitFor();
    // Every chip in the rows on screen lies inside its cell: none is cut off by the column's width.
    const clipped = await page.locator('.queue-row').evaluateAll((rows) =>
      rows.flatMap((row) =>
        Array.from((row as unknown as { querySelectorAll(s: string): ArrayLike<{ textContent: string | null; getBoundingClientRect(): { left: number; right: number; top: number; bottom: number }; closest(s: string): { getBoundingClientRect(): { left: number; right: number; top: number; bottom: number } } | null }> }).querySelectorAll('.rec-chip, .risk-chip, .type-chip')).filter((chip) => {
          // Against the cell's content box: the cell cuts its content at its padding, with an ellipsis.
          const td = chip.closest('td')!;
          const a = chip.getBoundingClientRect(), cell = td.getBoundingClientRect();
          const right = cell.right - parseFloat((globalThis as unknown as { getComputedStyle(e: unknown): { paddingRight: string } }).getComputedStyle(td).paddingRight);
          return a.right > right + 0.5 || a.bottom > cell.bottom + 0.5 || a.top < cell.top - 0.5;
        }).map((chip) => chip.textContent),
      ),
    );
    expect(clipped).toEqual([]);
    // The analysed case's verdict and risk, its type by name (not PERSON).
    const row = page.locator(`.queue-row[data-case-id="${caseId}"]`);
    expect(await row.locator('.rec-chip').textContent()).toBe('Decline');
    expect(await row.locator('.risk-chip').count()).toBe(1);
    expect(await row.locator('.type-chip').textContent()).toBe('Person');
    await page.screenshot({ path: join(artifacts, 'e2e-queue-1024.png') });
    await page.close();
  });
});
