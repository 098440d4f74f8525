import { chromium } from 'playwright-core';
const url = 'http://127.0.0.1:4799';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
await page.goto(url);
await page.getByLabel('Email').fill('officer@demo.kyc');
await page.getByLabel('Password').fill('kyc-demo-2026');
await page.getByRole('button', { name: 'Sign in' }).click();
await page.locator('.queue-row').first().waitFor();
await page.getByLabel('Screening alert').check();
await page.waitForTimeout(2000);
await page.screenshot({ path: '/tmp/h13/scr-queue.png' });
console.log((await page.locator('.queue-row').allInnerTexts()).map((t) => t.replace(/\n/g, ' | ')));
if (await page.locator('.queue-row').count()) {
  await page.locator('.queue-row').first().click();
  await page.waitForTimeout(3000);
  const hit = page.locator('text=/watch|screening/i').first();
  await hit.scrollIntoViewIfNeeded().catch(() => undefined);
  await page.screenshot({ path: '/tmp/h13/scr-case.png', fullPage: true });
}
await browser.close();
