import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../electron/service/demo/demoAccounts';
import { isApplicant } from '../../shared/schemas/profile';
import type { CaseDetail, QueuePage } from '../../shared/schemas/case';
import { chromiumAvailable, launchChromium } from '../helpers/chromium';
import { signInPage } from '../helpers/signInPage';
import { rpc, tokenFor } from '../helpers/rpc';
import { startServe, type RunningServer } from '../helpers/serveProcess';
import { makeTempDir } from '../helpers/tempService';

const root = join(import.meta.dirname, '../..');
const artifacts = join(root, 'test-artifacts');

describe.skipIf(!chromiumAvailable)('sanctions screening in real Chromium: import a list, a case hits, a false positive stays cleared', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    server = await startServe(['--data', makeTempDir('kyc-e2e-sanctions-'), '--demo', '--no-analysis']);
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signedIn(email: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await signInPage(page, server.url, email);
    return page;
  }

  it('an admin imports a watch list; the officer screens a case, marks the hit a false positive, and a re-screen keeps it cleared', async () => {
    // A customer in review, and a watch list that names them (and someone else).
    const officerToken = await tokenFor(server.url, 'officer@demo.kyc', DEMO_PASSWORD);
    const q = await rpc<QueuePage>(server.url, 'cases.list', { statuses: ['IN_REVIEW'], profileType: 'PERSON' }, officerToken);
    if (!q.body.ok) throw new Error('cases.list');
    const target = q.body.value.rows[0]!;
    const detail = await rpc<CaseDetail>(server.url, 'cases.get', { id: target.id }, officerToken);
    if (!detail.body.ok || detail.body.value.profile.type !== 'PERSON' || isApplicant(detail.body.value.profile.data)) throw new Error('a demo person');
    const person = detail.body.value.profile.data;
    const listFile = join(makeTempDir('kyc-e2e-list-'), 'branch-watch.csv');
    writeFileSync(
      listFile,
      `entry_id,name,aliases,kind,birth_date,nationality,document_number\nBW-7,"${detail.body.value.profile.displayName.toUpperCase()}",,individual,${person.dateOfBirth},,\nBW-8,Zebulon Quartermaine,,individual,1950-01-01,,\n`,
    );

    const admin = await signedIn('admin@demo.kyc');
    // The administration sections sit under one header menu.
    await admin.getByRole('button', { name: 'Administration' }).click();
    await admin.getByRole('link', { name: 'Lists' }).click();
    await admin.getByRole('heading', { name: 'Sanctions and watch lists' }).waitFor();
    await admin.getByLabel('Format').selectOption('inhouse-csv');
    await admin.getByLabel('List name (in-house lists)').fill('branch_watch');
    await admin.getByLabel('File').setInputFiles(listFile);
    await admin.getByRole('button', { name: 'Import' }).click();
    const row = admin.locator('tr[data-list="branch_watch"][data-active="true"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('branch-watch.csv');
    await admin.screenshot({ path: join(artifacts, 'e2e-sanctions-lists.png') });

    const page = await signedIn('officer@demo.kyc');
    await page.goto(`${server.url}/#/case/${target.id}`);
    await page.getByRole('heading', { name: 'Sanctions and PEP screening' }).waitFor();
    await page.getByRole('button', { name: 'Screen now' }).click();
    const hit = page.locator('li[data-hit="branch_watch:BW-7"]');
    await hit.waitFor();
    expect(await page.locator('li[data-hit]').count()).toBe(1);
    expect(Number((await hit.getByTestId('hit-score').textContent())?.replace(/\D/g, ''))).toBeGreaterThanOrEqual(92);
    expect(await hit.textContent()).toContain(person.dateOfBirth);
    await hit.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, 'e2e-sanctions-hit.png') });

    await hit.getByRole('button', { name: 'False positive…' }).click();
    await hit.getByLabel('Reason (recorded in the audit trail)').fill('Different person: the listed BW-7 lives abroad; document and address differ.');
    await hit.getByRole('button', { name: 'Record — False positive' }).click();
    await expect.poll(() => hit.getByTestId('hit-disposition').textContent()).toBe('False positive');

    // Screened again (as after a new list snapshot): the hit stays cleared, nothing new is raised.
    await page.getByRole('button', { name: 'Screen now' }).click();
    await page.waitForTimeout(500);
    expect(await hit.getByTestId('hit-disposition').textContent()).toBe('False positive');
    expect(await hit.getByTestId('hit-reason').textContent()).toContain('Different person');
    expect(await page.locator('li[data-hit]').count()).toBe(1);
    await hit.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, 'e2e-sanctions-cleared.png') });
  }, 180_000);
});
