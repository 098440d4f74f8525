import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../electron/service/demo/demoAccounts';

/** Signs `page` in through the sign-in screen at `url` and waits for the app's header. */
export async function signInPage(page: Page, url: string, email: string, password = DEMO_PASSWORD): Promise<Page> {
  await page.goto(url);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.app-header').waitFor();
  return page;
}
