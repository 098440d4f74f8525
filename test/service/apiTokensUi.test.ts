import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServe, type RunningServer } from '../helpers/serveProcess';
import { chromiumAvailable, launchChromium } from '../helpers/chromium';
import { makeTempDir } from '../helpers/tempService';

const SHOTS = process.env.KYC_SCREENSHOT_DIR;

/** The admin's API tokens page in real Chromium against `npm run serve`: create, shown once, use, revoke. */
describe.runIf(chromiumAvailable)('API tokens page (#/admin/tokens)', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServe(['--data', makeTempDir('kyc-tokens-ui-'), '--demo', '--no-analysis']);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates a token shown once, lists it with its last use, and revokes it', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(server.url);
    await page.getByLabel('Email').fill('admin@demo.kyc');
    await page.getByLabel('Password').fill('kyc-demo-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The administration sections sit under one header menu.
    await page.getByRole('button', { name: 'Administration' }).click();
    await page.getByRole('link', { name: 'API tokens' }).click();
    await expect.poll(() => page.url()).toContain('#/admin/tokens');
    // The demo token from serve --demo is listed.
    await expect.poll(() => page.getByRole('row', { name: /demo/ }).count()).toBe(1);

    await page.getByLabel('Name').fill('crm-sync');
    await page.getByLabel('Access').selectOption('officer');
    await page.getByRole('button', { name: 'Create token' }).click();
    const value = page.locator('#new-api-token');
    await expect.poll(() => value.inputValue()).toMatch(/^kyc_/);
    const token = await value.inputValue();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/api-tokens-created.png`, fullPage: true });

    // The token works on the REST API, and the list shows its last use.
    const r = await fetch(`${server.url}/admin/kyc/list`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
    expect(((await r.json()) as { code: number }).code).toBe(0);
    await page.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => page.locator('#new-api-token').count()).toBe(0);
    await page.reload();
    const row = page.getByRole('row', { name: /crm-sync/ });
    await expect.poll(() => row.textContent()).toContain('Onboarding and review');
    await expect.poll(() => row.textContent()).not.toContain('Never');

    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: 'Revoke crm-sync' }).click();
    await expect.poll(() => row.textContent()).toContain('Revoked');
    const after = await fetch(`${server.url}/admin/kyc/list`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
    expect(after.status).toBe(401);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/api-tokens-list.png`, fullPage: true });

    // Simplified Chinese.
    await page.getByLabel('Language').selectOption('zh-CN');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('API 令牌');
    await expect.poll(() => row.textContent()).toContain('已于');
    await expect.poll(() => page.getByRole('button', { name: '吊销 demo' }).count()).toBe(1);
    if (SHOTS) {
      await page.waitForFunction('document.fonts.status === "loaded"');
      await page.screenshot({ path: `${SHOTS}/api-tokens-zh.png`, fullPage: true });
    }
  }, 120_000);
});
