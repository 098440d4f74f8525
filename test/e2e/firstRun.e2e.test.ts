import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/errorCodes';
import { makeTempDir } from '../helpers/tempService';
import { startServe, type RunningServer } from '../helpers/serveProcess';
import { chromiumAvailable, launchChromium } from '../helpers/chromium';
import { rpc, tokenFor } from '../helpers/rpc';

const artifacts = join(import.meta.dirname, '../../test-artifacts');

describe.skipIf(!chromiumAvailable)('first run in real Chromium: an empty data folder to a working team', () => {
  let server: RunningServer;
  let browser: Browser;
  const dataDir = makeTempDir('kyc-e2e-first-run-');

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    // No --demo and no admin flags: the store starts with no account at all.
    server = await startServe(['--data', dataDir, '--no-analysis']);
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('setup creates the first admin, who adds an officer; setup is then refused and sign-in is what opens', async () => {
    expect(server.output()).toContain('open the workstation in a browser to create the first admin');
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Set up this workstation' }).waitFor();
    await page.getByLabel('Your name').fill('Chief Admin');
    await page.getByLabel('Email').fill('chief@branch.example');
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByLabel('Repeat the password').fill('short');
    // The browser holds a too-short password back; the service would refuse it anyway.
    await page.getByRole('button', { name: 'Create administrator' }).click();
    expect(await page.getByLabel('Password', { exact: true }).evaluate((el) => (el as unknown as { validity: { tooShort: boolean } }).validity.tooShort)).toBe(true);
    await page.getByLabel('Password', { exact: true }).fill('granite-harbor-2026');
    await page.getByLabel('Repeat the password').fill('granite-harbor-2026-typo');
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('The two passwords differ.');
    await page.screenshot({ path: join(artifacts, 'e2e-first-run-setup.png') });
    await page.getByLabel('Repeat the password').fill('granite-harbor-2026');
    await page.getByRole('button', { name: 'Create administrator' }).click();

    // Signed in as the new admin, who opens Accounts and adds an officer.
    await page.locator('.user-name', { hasText: 'Chief Admin' }).waitFor();
    // The administration sections sit under one header menu.
    await page.getByRole('button', { name: 'Administration' }).click();
    await page.getByRole('link', { name: 'Accounts' }).click();
    await page.getByRole('heading', { name: 'Add an account' }).waitFor();
    await page.getByLabel('Name').fill('Olga Officer');
    await page.getByLabel('Email').fill('olga@branch.example');
    await page.getByLabel('Role').selectOption('officer');
    await page.getByLabel(/^Password/).fill('river-stone-lantern-7');
    await page.getByRole('button', { name: 'Add account' }).click();
    const row = page.locator('tr[data-operator="olga@branch.example"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('Officer');
    // Disabling asks first: dismissed, the account stays active; accepted, it is disabled.
    const disable = row.getByRole('button', { name: 'Disable olga@branch.example' });
    const asked: string[] = [];
    page.once('dialog', (d) => void (asked.push(d.message()), d.dismiss()));
    await disable.click();
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toBe('Disable olga@branch.example? Their open sessions end and they cannot sign in until the account is enabled again.');
    expect(await row.textContent()).toContain('Active');
    page.once('dialog', (d) => void d.accept());
    await disable.click();
    await expect.poll(() => row.textContent()).toContain('Disabled');
    // Enabling again does not ask.
    await row.getByRole('button', { name: 'Enable olga@branch.example' }).click();
    await expect.poll(() => row.textContent()).toContain('Active');
    await page.screenshot({ path: join(artifacts, 'e2e-first-run-accounts.png') });

    // About: this build, this data folder, the store's schema.
    await page.getByRole('button', { name: 'About this workstation' }).click();
    expect(await page.getByTestId('about-data-dir').textContent()).toBe(dataDir);
    expect(Number(await page.getByTestId('about-schema').textContent())).toBeGreaterThan(20);
    // serve made this new folder's key file beside it (no passphrase was set).
    expect(await page.getByTestId('about-encryption').textContent()).toMatch(/keys protected by a key filedata key [0-9a-f]{16}, created \d{4}-\d{2}-\d{2}/);
    // The shipped models with their licence standing, from the register the build copied.
    const models = page.getByTestId('about-models');
    await expect.poll(() => models.locator('li').count()).toBeGreaterThanOrEqual(9);
    expect(await models.locator('li', { hasText: 'MobileFace' }).textContent()).toContain('licence not verified');
    expect(await models.locator('li', { hasText: 'Face descriptor' }).textContent()).toContain('licence cleared');
    // Each model's use is worded by the UI: English here, as the register says it.
    expect(await models.locator('li', { hasText: 'Face mesh (468 points)' }).textContent()).toContain("head turns in liveness clips (yaw from the mesh's depth)");
    await page.screenshot({ path: join(artifacts, 'e2e-first-run-about.png') });
    await page.keyboard.press('Escape');
    // Focus is back on the button that opened it.
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }).document.activeElement?.getAttribute('aria-label'))).toBe('About this workstation');

    // Backups: a folder and a passphrase, then one now; it lands in the folder, encrypted.
    const backupDir = makeTempDir('kyc-e2e-backups-');
    // The administration sections sit under one header menu.
    await page.getByRole('button', { name: 'Administration' }).click();
    await page.getByRole('link', { name: 'Backups' }).click();
    // Nothing set yet: the button says what it waits for.
    expect(await page.getByRole('button', { name: 'Back up now' }).isDisabled()).toBe(true);
    expect(await page.locator('#backup-not-ready').textContent()).toBe('Save a folder and a passphrase first.');
    // A folder that does not exist (a drive not mounted) is refused when saved, in words.
    await page.getByLabel('Folder (absolute path)').fill(join(backupDir, 'not-mounted'));
    await page.getByLabel('Passphrase (12+ characters)').fill('first-run-backup-passphrase');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('.toast').last().textContent()).toContain('does not exist: create it, or check that its drive is mounted');
    await page.getByLabel('Folder (absolute path)').fill(backupDir);
    await page.getByLabel('Passphrase (12+ characters)').fill('first-run-backup-passphrase');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByLabel('New passphrase (leave empty to keep it)').waitFor();
    await page.getByRole('button', { name: 'Back up now' }).click();
    await expect.poll(() => page.getByTestId('backup-last').textContent()).toMatch(/kyc-backup-\d{8}-\d{6}\.kycbackup/);
    expect(await page.locator('.toast', { hasText: 'Backup written: kyc-backup-' }).count()).toBe(1);
    expect(readdirSync(backupDir).filter((f) => f.endsWith('.kycbackup'))).toHaveLength(1);
    await page.screenshot({ path: join(artifacts, 'e2e-first-run-backups.png') });

    // API tokens: a name the service would refuse is said under the field, not in a toast.
    await page.getByRole('button', { name: 'Administration' }).click();
    await page.getByRole('link', { name: 'API tokens' }).click();
    await page.getByRole('heading', { name: 'New token' }).waitFor();
    await page.getByLabel('Name').fill('crm sync!');
    await page.getByRole('button', { name: 'Create token' }).click();
    await expect.poll(() => page.locator('#token-name-error').textContent()).toBe('Use letters, digits, spaces, dots, dashes and underscores only.');
    expect(await page.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.toast', { hasText: 'name may use' }).count()).toBe(0);
    await page.screenshot({ path: join(artifacts, 'e2e-first-run-token-name.png') });
    // Typing clears it; a good name gives the token, shown once.
    await page.getByLabel('Name').fill('crm-sync');
    expect(await page.locator('#token-name-error').count()).toBe(0);
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByRole('heading', { name: 'Token “crm-sync” created' }).waitFor();

    // A second setup is refused by the service, whoever asks.
    const again = await rpc(server.url, 'setup.createAdmin', { email: 'intruder@x.example', displayName: 'X', password: 'intruder-password', loadDemo: false });
    expect(again.body).toMatchObject({ ok: false, error: { code: ErrorCode.SETUP_DONE } });

    // Signed out, the app opens on sign-in now, and the officer gets in.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Set up this workstation' }).count()).toBe(0);
    await page.getByLabel('Email').fill('olga@branch.example');
    await page.getByLabel('Password').fill('river-stone-lantern-7');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.user-name', { hasText: 'Olga Officer' }).waitFor();

    // Wrong passwords, in Chinese: worded in Chinese, and the lockout names its end in local time.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByLabel('邮箱').fill('olga@branch.example');
    const refusal = page.locator('.signin-card .form-error');
    for (let i = 0; i < 5; i++) {
      await page.getByLabel('密码').fill(`wrong-password-${i}`);
      await page.getByRole('button', { name: '登录' }).click();
      await expect.poll(() => refusal.textContent(), { timeout: 20_000 }).toMatch(/[\u4e00-\u9fff]/);
      await page.waitForFunction(() => !(globalThis as unknown as { document: { querySelector(s: string): { disabled: boolean } | null } }).document.querySelector('.signin-card button[type=submit]')?.disabled);
    }
    await page.getByLabel('密码').fill('river-stone-lantern-7');
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => refusal.textContent(), { timeout: 20_000 }).toMatch(/^此账户登录失败次数过多。请在 2\d{3}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 之后重试，或请管理员解锁。$/);
    await page.screenshot({ path: join(artifacts, 'e2e-first-run-lockout-zh.png') });

    // The admin resets Olga's password: her lock-out goes with it, and the old password no longer opens.
    await page.getByLabel('语言').selectOption('en');
    await page.getByLabel('Email').fill('chief@branch.example');
    await page.getByLabel('Password').fill('granite-harbor-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.user-name', { hasText: 'Chief Admin' }).waitFor();
    await page.getByRole('button', { name: 'Administration' }).click();
    await page.getByRole('link', { name: 'Accounts' }).click();
    await page.locator('[data-lockout="olga@branch.example"]').waitFor();
    await page.getByRole('button', { name: 'Reset password… olga@branch.example' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[type=password]').fill('short');
    expect(await dialog.getByRole('button', { name: 'Set password' }).isDisabled()).toBe(true);
    await dialog.locator('input[type=password]').fill('amber-valley-window-4');
    await dialog.getByRole('button', { name: 'Set password' }).click();
    await expect.poll(() => page.locator('.toast').last().textContent()).toBe('Password reset for olga@branch.example: their sessions ended, and any lock-out is lifted.×');
    await expect.poll(() => page.locator('[data-lockout="olga@branch.example"]').count()).toBe(0);
    await page.getByRole('button', { name: 'Sign out' }).click();
    // (The Accounts page has an Email field too: wait for the sign-in page before typing.)
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();

    // Olga signs in with it, opens her own account from the header and changes it.
    await page.getByLabel('Email').fill('olga@branch.example');
    await page.getByLabel('Password').fill('amber-valley-window-4');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Nothing the admin was told is left on screen for her.
    expect(await page.locator('.toast').count()).toBe(0);
    await page.locator('a.header-account', { hasText: 'Olga Officer' }).click();
    await page.getByRole('heading', { name: 'My account' }).waitFor();
    await page.getByLabel('Current password').fill('not-the-password');
    await page.getByLabel('New password', { exact: true }).fill('quiet-meadow-lamp-8');
    await page.getByLabel('New password again').fill('quiet-meadow-lamp-8');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => page.locator('#account-error-currentPassword').textContent()).toBe('The current password is not right.');
    await page.getByLabel('Current password').fill('amber-valley-window-4');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => page.locator('.toast').last().textContent()).toBe('Password changed. Your other sessions ended.×');
    await page.screenshot({ path: join(artifacts, 'e2e-first-run-account.png') });
    const token = await tokenFor(server.url, 'olga@branch.example', 'quiet-meadow-lamp-8');
    expect(token).toBeTruthy();
    await page.close();
  }, 240_000);
});
