import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/tempService';
import { startServe, type RunningServer } from '../helpers/serveProcess';
import { chromiumAvailable, launchChromium } from '../helpers/chromium';
import { rpc, tokenFor } from '../helpers/rpc';
import { DEMO_PASSWORD } from '../../electron/service/demo/demoAccounts';
import type { AuditEvent } from '../../shared/schemas/audit';
import type { LegalHold } from '../../shared/schemas/retention';
import type { QueuePage } from '../../shared/schemas/case';

const artifacts = join(import.meta.dirname, '../..', 'test-artifacts');

describe.skipIf(!chromiumAvailable)('legal hold from the case page in real Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let seniorToken: string;
  let caseId: string;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    server = await startServe(['--data', makeTempDir('kyc-e2e-hold-'), '--demo', '--no-analysis']);
    browser = await launchChromium();
    seniorToken = await tokenFor(server.url, 'senior@demo.kyc', DEMO_PASSWORD);
    const page = await rpc<QueuePage>(server.url, 'cases.list', { limit: 1 }, seniorToken);
    if (!page.body.ok) throw new Error('cases.list');
    caseId = page.body.value.rows[0]!.id;
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openCase(email: string) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(server.url);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.app-header').waitFor();
    await page.goto(`${server.url}/#/case/${caseId}`);
    await page.locator('.case-header h1').waitFor();
    return page;
  }

  it('a senior officer sets a hold with a reason, sees the badge, and clears it; both are audited', async () => {
    const page = await openCase('senior@demo.kyc');
    await page.getByRole('button', { name: 'Legal hold…' }).click();
    const setHold = page.getByRole('button', { name: 'Set hold' });
    await expect.poll(() => setHold.isDisabled()).toBe(true);
    await page.getByLabel('Why is this case held?').fill('Court order 2026/77');
    await setHold.click();
    await expect.poll(() => page.locator('.badge.hold').textContent()).toBe('Legal hold');
    await page.screenshot({ path: join(artifacts, 'e2e-legal-hold.png') });

    const holds = await rpc<LegalHold[]>(server.url, 'retention.legalHolds', {}, seniorToken);
    if (!holds.body.ok) throw new Error('legalHolds');
    expect(holds.body.value.find((h) => h.caseId === caseId)?.reason).toBe('Court order 2026/77');

    await page.getByRole('button', { name: 'Clear legal hold…' }).click();
    await page.getByLabel('Why does the hold end?').fill('Order lifted');
    await page.getByRole('button', { name: 'Clear hold' }).click();
    await expect.poll(() => page.locator('.badge.hold').count()).toBe(0);

    const events = await rpc<AuditEvent[]>(server.url, 'audit.list', { caseId, limit: 50 }, await tokenFor(server.url, 'auditor@demo.kyc', DEMO_PASSWORD));
    if (!events.body.ok) throw new Error('audit.list');
    const types = events.body.value.map((e) => e.type);
    expect(types).toContain('retention.hold_set');
    expect(types).toContain('retention.hold_cleared');
  });

  it('an officer sees the hold but has no control to change it', async () => {
    const set = await rpc(server.url, 'retention.setLegalHold', { caseId, reason: 'Regulator inquiry' }, seniorToken);
    expect(set.body.ok).toBe(true);
    const page = await openCase('officer@demo.kyc');
    // Officers may not read holds (the service refuses), so the header shows neither badge nor button.
    await expect.poll(() => page.getByRole('button', { name: 'Legal hold…' }).count()).toBe(0);
    const admin = await openCase('admin@demo.kyc');
    await expect.poll(() => admin.locator('.badge.hold').textContent()).toBe('Legal hold');
    await expect.poll(() => admin.getByRole('button', { name: 'Clear legal hold…' }).count()).toBe(1);
  });
});
