import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, openTempService, TEST_PASSWORD } from '../helpers/tempService';
import { keysBeside } from '../helpers/testKeys';
import { reportCase } from '../helpers/reportCase';
import { startServe, type RunningServer } from '../helpers/serveProcess';
import { chromiumAvailable, launchChromium } from '../helpers/chromium';
import { rpc, tokenFor } from '../helpers/rpc';
import type { AnalysisResult } from '../../shared/schemas/analysis';
import { FACE_DESCRIPTION_VERSION } from '../../shared/faceDescriptionVersion';
import { DEFAULT_POLICY } from '../../electron/service/analysis/defaultPolicy';

const artifacts = join(import.meta.dirname, '../../test-artifacts');
const OFFICER = 'officer.older@test.local';

describe.skipIf(!chromiumAvailable)('a case scored before face description version 2, on the case page', () => {
  let server: RunningServer;
  let browser: Browser;
  let caseId = '';

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    // The store is made in-process, as an earlier release left it: its stored analysis records no
    // description version (those before version 2 did not). Then the real browser shell opens it.
    const dataDir = makeTempDir('kyc-e2e-older-face-');
    const t = openTempService({ dataDir, keys: keysBeside(dataDir) });
    const tokens = {
      staff: await t.signInAs('branch_staff'),
      officer: await t.signInAs('officer', OFFICER),
      senior: await t.signInAs('senior_officer'),
      auditor: await t.signInAs('auditor'),
      admin: await t.signInAs('admin'),
    };
    caseId = (await reportCase(t, tokens)).caseId;
    expect(t.service.deps.analyses.latestForCase(caseId)?.faceMatch?.descriptionVersion).toBeUndefined();
    // The submission queued a run that the earlier release finished long ago; here it never ran, so
    // it is cancelled: the page must show the stored score, not a new one.
    for (const j of t.service.deps.jobs.forCase(caseId)) if (j.status === 'queued') t.service.deps.jobs.cancel(j.id, new Date().toISOString());
    expect(t.service.deps.jobs.forCase(caseId).filter((j) => j.status === 'queued' || j.status === 'running')).toHaveLength(0);
    t.service.close();
    server = await startServe(['--data', dataDir], 240_000);
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('says the score came from the earlier version, beside the rates measured with the current one, and offers to run the analysis again', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(server.url);
    await page.getByLabel('Email').fill(OFFICER);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.queue-row').first().waitFor();
    await page.goto(`${server.url}/#/case/${caseId}`);
    const face = page.locator('[data-testid="face-score"]');
    await face.waitFor();
    await expect.poll(() => face.locator('[data-testid="face-score-older-engine"]').textContent()).toBe(
      `This score was computed with face description version 1; the rates above were measured with version ${FACE_DESCRIPTION_VERSION}, which scores faces otherwise. Run the analysis again to score this case with the current engine.`,
    );
    // The rates it warns about are shown above it, at the stored result's own threshold.
    expect(await face.locator('[data-testid="face-error-rates"]').textContent()).toMatch(/^At threshold 0\.5, measured on \d+ labelled photos/);
    await face.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, 'e2e-case-older-face-score.png'), fullPage: true });
    expect(await page.getByRole('button', { name: 'Run again' }).count()).toBe(1);

    // As the note says: running the analysis again scores the case with the current engine, and the note goes.
    await page.getByRole('button', { name: 'Run again' }).click();
    const token = await tokenFor(server.url, OFFICER, TEST_PASSWORD);
    await expect
      .poll(
        async () => {
          const s = await rpc<{ result: AnalysisResult | null }>(server.url, 'analysis.status', { caseId }, token);
          return s.body.ok ? (s.body.value.result?.faceMatch?.descriptionVersion ?? null) : null;
        },
        { timeout: 240_000, interval: 2000 },
      )
      .toBe(FACE_DESCRIPTION_VERSION);
    // The page reloads the case when the run ends: the new score, at the policy's threshold, without the note.
    await expect.poll(() => face.locator('[data-testid="face-score-older-engine"]').count(), { timeout: 20_000 }).toBe(0);
    expect(await face.locator('[data-testid="face-error-rates"]').textContent()).toMatch(new RegExp(`^At threshold ${String(DEFAULT_POLICY.faceMatch.matchThreshold).replace('.', '\\.')}, `));
    await page.close();
  }, 400_000);
});
