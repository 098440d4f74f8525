import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/tempService';
import { startServe, type RunningServer } from '../helpers/serveProcess';
import { chromiumAvailable, launchChromium } from '../helpers/chromium';
import { DEMO_PASSWORD } from '../../electron/service/demo/demoAccounts';

const artifacts = join(import.meta.dirname, '../../test-artifacts');

describe.skipIf(!chromiumAvailable)('the workstation in real Chromium against npm run serve --demo', () => {
  let server: RunningServer;
  let browser: Browser;
  const offOrigin: string[] = [];
  const cspViolations: string[] = [];

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    // The engine is covered by its own tests; here it would only compete for the two cores.
    server = await startServe(['--data', makeTempDir('kyc-e2e-'), '--demo', '--no-analysis']);
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function newPage(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // Anything the renderer loads that its own CSP blocks (an inlined font, say) is a defect.
    page.on('console', (m) => {
      if (m.type() === 'error' && m.text().includes('Content Security Policy')) cspViolations.push(m.text().slice(0, 120));
    });
    // The offline guarantee, from the page's side: any request off this origin fails the test.
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(server.url) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
      offOrigin.push(url);
      return route.abort();
    });
    return page;
  }

  async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
    await page.goto(server.url);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('prints the demo accounts at start-up', () => {
    expect(server.output()).toMatch(/Demo data: \d+ cases created/);
    expect(server.output()).toContain('officer@demo.kyc (officer)');
  });

  it('refuses a wrong password in the UI’s words', async () => {
    const page = await newPage();
    await signIn(page, 'officer@demo.kyc', 'not-the-password');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toBe('Wrong email or password, or the account is disabled.');
    await page.close();
  });

  it('signs in, shows the demo queue, filters and sorts it', async () => {
    const page = await newPage();
    await signIn(page, 'officer@demo.kyc');
    await page.waitForSelector('.queue-row');
    await expect.poll(() => page.getByRole('button', { name: /^All/ }).textContent()).toMatch(/All\s*4\d/);
    const total = Number(/(\d+) cases/.exec((await page.locator('.page-title').textContent()) ?? '')?.[1]);
    expect(total).toBeGreaterThanOrEqual(40);
    // Virtualised: only the rows on screen (plus a few) are in the DOM, never the whole list.
    const rendered = await page.locator('.queue-row').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(total);
    await page.screenshot({ path: join(artifacts, 'e2e-queue.png') });
    // Scrolling to the end brings the last case in, fetched as the list reaches it.
    await page.locator('[data-testid="queue-scroll"]').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.locator(`.queue-row[data-index="${total - 1}"]`).waitFor();
    expect(await page.locator('.queue-row[data-index="0"]').count()).toBe(0);

    await page.getByRole('button', { name: /^Submitted/ }).click();
    await expect.poll(async () => new Set(await page.locator('.queue-row .badge[class*="status-"]').allTextContents())).toEqual(new Set(['Submitted']));
    const submitted = await page.locator('.queue-row').count();
    expect(submitted).toBeGreaterThan(5);
    // Oldest submission first: ages read in descending order.
    // Column 7 is the age since submission (column 8, the SLA, is also numeric).
    const ages = await page.locator('.queue-row td:nth-child(7)').allTextContents();
    const minutes = ages.map((a) => {
      const d = /(\d+)d/.exec(a)?.[1] ?? '0';
      const h = /(\d+)h/.exec(a)?.[1] ?? '0';
      const m = /(\d+)m/.exec(a)?.[1] ?? '0';
      return Number(d) * 1440 + Number(h) * 60 + Number(m);
    });
    expect(minutes).toEqual([...minutes].sort((a, b) => b - a));
    // A saved view is named in an in-app dialog (Electron has no window.prompt), applied, then deleted.
    const nativeDialogs: string[] = [];
    const onNative = (d: { type(): string; accept(): Promise<void> }) => void (nativeDialogs.push(d.type()), d.accept());
    page.on('dialog', onNative);
    await page.getByRole('button', { name: 'Save view' }).click();
    await page.getByRole('dialog').getByLabel('Name of this view').fill('E2E submitted');
    await page.getByRole('dialog').getByRole('button', { name: 'Save view' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    const viewSelect = page.getByLabel('Saved views');
    await expect.poll(() => viewSelect.locator('option', { hasText: 'E2E submitted' }).count()).toBe(1);
    expect(nativeDialogs).toEqual([]);
    await page.getByRole('button', { name: /^All/ }).click();
    await viewSelect.selectOption({ label: 'E2E submitted' });
    await expect.poll(async () => new Set(await page.locator('.queue-row .badge[class*="status-"]').allTextContents())).toEqual(new Set(['Submitted']));
    // The list shows the view in force.
    await expect.poll(() => viewSelect.evaluate((el) => (el as unknown as { selectedOptions: { text: string }[] }).selectedOptions[0]?.text)).toBe('E2E submitted');
    // Changing a filter leaves the view: there is nothing to delete until it is chosen again.
    await page.getByRole('button', { name: /^All/ }).click();
    await expect.poll(() => page.getByRole('button', { name: /^Delete view/ }).count()).toBe(0);
    expect(await viewSelect.inputValue()).toBe('');
    await viewSelect.selectOption({ label: 'E2E submitted' });
    await page.getByRole('button', { name: 'Delete view “E2E submitted”' }).click();
    await expect.poll(() => viewSelect.locator('option', { hasText: 'E2E submitted' }).count()).toBe(0);
    expect(nativeDialogs).toEqual(['confirm']);
    page.off('dialog', onNative);
    // A search that matches nothing: the empty state spans the table and blames the search, not the status.
    const search = page.getByLabel('Search name, document number or external ID');
    await search.fill('zzzz-no-such-customer');
    const empty = page.locator('.queue-table .empty-state');
    await expect.poll(() => empty.textContent()).toBe('No cases here.No case matches the search and filters. Clear them to see more.');
    const widths = await page.evaluate(() => {
      const d = (globalThis as unknown as { document: { querySelector(s: string): { getBoundingClientRect(): { width: number } } | null } }).document;
      return { cell: d.querySelector('.queue-table tbody td')!.getBoundingClientRect().width, table: d.querySelector('.queue-table')!.getBoundingClientRect().width };
    });
    expect(widths.cell).toBeGreaterThan(widths.table * 0.9);
    // The tabs count what the search keeps, not the whole store.
    await expect.poll(() => page.getByRole('button', { name: /^All/ }).textContent()).toMatch(/^All\s*0$/);
    await expect.poll(() => page.getByRole('button', { name: /^Submitted/ }).textContent()).toMatch(/^Submitted\s*0$/);
    // The address carries the filters: a reload shows the same list.
    // (the deleted view's Submitted tab is still chosen, with its order)
    expect(new URL(page.url()).hash).toBe('#/queue?sort=age&order=asc&statuses=SUBMITTED&search=zzzz-no-such-customer');
    await page.reload();
    await expect.poll(() => search.inputValue()).toBe('zzzz-no-such-customer');
    await expect.poll(() => empty.textContent()).toBe('No cases here.No case matches the search and filters. Clear them to see more.');
    await search.fill('');
    await page.locator('.queue-row').first().waitFor();
    await search.press('Escape');
    // Keyboard: j moves down the virtual list, Enter opens the selected case.
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await expect.poll(() => page.locator('.queue-row.selected').getAttribute('data-index')).toBe('2');
    const third = await page.locator('.queue-row[data-index="2"]').getAttribute('data-case-id');
    await page.keyboard.press('Enter');
    await page.locator('.case-header h1').waitFor();
    expect(page.url()).toContain(`/case/${third}`);
    await page.close();
  });

  it('keeps the selected row in full view, below the two-line header, as j and k move it', async () => {
    const page = await newPage();
    // 1280 px wide: "Age since submission" wraps, so the sticky header is two lines tall.
    await page.setViewportSize({ width: 1280, height: 700 });
    await signIn(page, 'officer@demo.kyc');
    await page.waitForSelector('.queue-row');
    const inView = async () => {
      const row = await page.locator('.queue-row.selected').boundingBox();
      const head = await page.locator('.queue-table thead').boundingBox();
      const box = await page.getByTestId('queue-scroll').boundingBox();
      if (!row || !head || !box) throw new Error('queue not laid out');
      expect(head.height).toBeGreaterThan(50);
      return row.y >= head.y + head.height - 1 && row.y + row.height <= box.y + box.height + 1;
    };
    for (let i = 0; i < 25; i++) await page.keyboard.press('j');
    await expect.poll(() => page.locator('.queue-row.selected').getAttribute('data-index')).toBe('25');
    await expect.poll(inView).toBe(true);
    for (let i = 0; i < 25; i++) await page.keyboard.press('k');
    await expect.poll(() => page.locator('.queue-row.selected').getAttribute('data-index')).toBe('0');
    await expect.poll(inView).toBe(true);
    await page.close();
  });

  it('opens a case and shows its documents, selfie, profile and audit timeline', async () => {
    const page = await newPage();
    await signIn(page, 'officer@demo.kyc');
    await page.getByRole('button', { name: /^In review/ }).click();
    await page.locator('.queue-row', { hasText: 'John Lee Doe' }).click();
    await page.getByRole('heading', { name: 'John Lee Doe' }).waitFor();
    for (const kind of ['DOCUMENT_FRONT', 'DOCUMENT_BACK', 'SELFIE']) {
      const img = page.locator(`img[data-evidence-kind="${kind}"]`);
      await img.waitFor();
      await expect.poll(() => img.evaluate((el) => { const i = el as unknown as { complete: boolean; naturalWidth: number }; return i.complete && i.naturalWidth > 0; })).toBe(true);
    }
    // The document type and the country in words, not as codes.
    expect(await page.getByText('Driver’s licence', { exact: true }).count()).toBe(1);
    expect(await page.getByText('DRIVER_LICENSE').count()).toBe(0);
    const nationality = page.locator('.field', { has: page.locator('dt', { hasText: /^Nationality$/ }) }).locator('dd');
    expect(await nationality.textContent()).toBe('Canada (CA)');
    // In Chinese, the browser's own name for it (nothing fetched).
    await page.getByLabel('Language').selectOption('zh-CN');
    const guoji = page.locator('.field', { has: page.locator('dt', { hasText: /^国籍$/ }) }).locator('dd');
    await expect.poll(() => guoji.textContent()).toBe('加拿大 (CA)');
    // And dates as Chinese writes them, whatever the machine's locale.
    expect(await page.locator('.timeline-item time').first().textContent()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日/);
    await page.getByLabel('语言').selectOption('en');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await page.locator('.timeline-item').count()).toBeGreaterThanOrEqual(6);
    expect(await page.locator('.timeline-item[data-event-type="profile.created"]').count()).toBe(1);
    await page.screenshot({ path: join(artifacts, 'e2e-case.png'), fullPage: true });

    // Compare mode: document and selfie side by side, each zoomable, rotatable, adjustable.
    await page.getByRole('button', { name: 'Compare portrait and selfie' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.locator('img').count()).toBe(2);
    await dialog.getByRole('button', { name: 'Zoom in' }).first().click();
    await dialog.getByRole('button', { name: /Rotate/ }).first().click();
    await expect.poll(() => dialog.locator('img').first().evaluate((el) => (el as unknown as { style: { transform: string } }).style.transform)).toContain('scale(1.25) rotate(90deg)');
    await page.screenshot({ path: join(artifacts, 'e2e-compare.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await page.close();
  });

  it('lets an auditor read the queue and a case, and made no request off the machine', async () => {
    const page = await newPage();
    await signIn(page, 'auditor@demo.kyc');
    // A decided case: the decision panel says why it offers nothing, rather than standing empty.
    await page.getByRole('button', { name: /^Approved/ }).click();
    await expect.poll(async () => new Set(await page.locator('.queue-row .badge[class*="status-"]').allTextContents())).toEqual(new Set(['Approved']));
    await page.locator('.queue-row').first().click();
    await page.locator('.case-header h1').waitFor();
    expect(await page.locator('.decision-bar .hint').textContent()).toBe('Read-only for your role: officers decide. What was decided is in the decision history below.');
    // In Chinese the Noto Sans SC font loads; an inlined subset shows as a CSP violation (below).
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('button', { name: '退出登录' }).waitFor();
    // A string: this file is type-checked without the DOM library.
    const loaded = await page.evaluate(`document.fonts.ready.then(() => [...document.fonts].filter((f) => f.family.includes('Noto Sans SC') && f.status === 'loaded').length)`);
    expect(loaded).toBeGreaterThan(0);
    await page.getByLabel('语言').selectOption('en');
    // An admin section opened by its address: said to be another role's, with no refused calls.
    await page.goto(`${server.url}/#/admin/accounts`);
    await page.getByText('This section is not part of your role.').waitFor();
    expect(await page.getByRole('button', { name: 'Add account' }).count()).toBe(0);
    expect(await page.locator('.toast').count()).toBe(0);
    await page.getByRole('button', { name: 'Go to Queue' }).click();
    await page.locator('.queue-row').first().waitFor();
    // A company's owner by name, linked to the owner's own case, not as a profile id.
    await page.getByRole('button', { name: /^All/ }).click();
    await page.getByLabel('Search name, document number or external ID').fill('Andes Trading');
    await expect.poll(() => page.locator('.queue-row').count()).toBe(1);
    await page.locator('.queue-row').first().click();
    await page.getByRole('heading', { name: 'Andes Trading S.A.S.' }).waitFor();
    const owner = page.getByTestId('company-owner');
    expect(await owner.locator('dt').textContent()).toBe('Main owner');
    const ownerName = (await owner.locator('a').textContent()) ?? '';
    expect(ownerName).toMatch(/^\p{L}+ \p{L}+/u);
    await owner.locator('a').click();
    await page.getByRole('heading', { name: ownerName }).waitFor();
    await page.goto(`${server.url}/#/`);
    await page.locator('.queue-row').first().waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.close();
    expect(offOrigin).toEqual([]);
    expect(cspViolations).toEqual([]);
  });

  it("puts an approved company on alert when an officer resets its owner's approval", async () => {
    const page = await newPage();
    await signIn(page, 'officer@demo.kyc');
    await page.locator('.queue-row').first().waitFor();
    await page.getByRole('button', { name: /^All/ }).click();
    await page.getByLabel('Search name, document number or external ID').fill('Brickell Remittance');
    await expect.poll(() => page.locator('.queue-row').count()).toBe(1);
    expect(await page.locator('.queue-row .owner-alert-chip').count()).toBe(0);
    await page.locator('.queue-row').first().click();
    await page.getByRole('heading', { name: 'Brickell Remittance Partners LLC' }).waitFor();
    expect(await page.getByTestId('owner-alert').count()).toBe(0);
    // The owner's own case: approved in the demo; the officer resets it to review.
    const ownerName = (await page.getByTestId('company-owner').locator('a').textContent()) ?? '';
    await page.getByTestId('company-owner').locator('a').click();
    await page.getByRole('heading', { name: ownerName }).waitFor();
    // The owner's page names the company whose approval rests on theirs, and the reset form says what it does to it.
    const owned = page.getByTestId('owned-company');
    expect(await owned.locator('dt').textContent()).toBe('Main owner of');
    expect(await owned.locator('dd').textContent()).toMatch(/^Brickell Remittance Partners LLC · BIZ-\d+ Approved$/);
    await page.getByRole('button', { name: 'Reset to review' }).click();
    expect(await page.getByTestId('reset-owner-note').textContent()).toBe(
      'This person owns Brickell Remittance Partners LLC, whose approval rests on theirs: resetting flags the company “Owner not approved” until this person is approved again.',
    );
    await page.screenshot({ path: join(artifacts, 'e2e-owner-reset.png') });
    await page.getByLabel('Internal comment').fill('Proof of address questioned by the bank');
    await page.getByRole('button', { name: 'Confirm Reset to review' }).click();
    await expect.poll(() => page.locator('.case-status .badge').first().textContent()).toMatch(/In review/i);
    // The queue's filter finds the company, flagged; its page says which owner and where they stand.
    await page.goto(`${server.url}/#/`);
    await page.locator('.queue-row').first().waitFor();
    await page.getByRole('button', { name: /^All/ }).click();
    await page.getByLabel('Owner not approved').check();
    await expect.poll(() => page.locator('.queue-row').count()).toBe(1);
    expect(await page.locator('.queue-row .name-cell').textContent()).toContain('Brickell Remittance Partners LLC');
    expect(await page.locator('.queue-row .owner-alert-chip').textContent()).toBe('Owner not approved');
    // Shown in full inside its cell: a long company name is cut before it, never the chip.
    const cell = (await page.locator('.queue-row .name-cell').boundingBox())!;
    const chip = (await page.locator('.queue-row .owner-alert-chip').boundingBox())!;
    expect(chip.x).toBeGreaterThan(cell.x);
    expect(chip.x + chip.width).toBeLessThanOrEqual(cell.x + cell.width);
    await page.locator('.queue-row').first().click();
    const notice = page.getByTestId('owner-alert');
    await notice.waitFor();
    expect(await notice.locator('strong').textContent()).toBe('An owner is not approved now.');
    expect(await notice.locator('p').first().textContent()).toBe(`This company is approved, and its approval rests on its owners' own approvals. Not approved in their own application now: ${ownerName} (In review)`);
    await page.screenshot({ path: join(artifacts, 'e2e-owner-alert.png') });
    // The company's trail records the owner's change.
    expect(await page.locator('.timeline-item[data-event-type="case.owner_status_changed"] strong').textContent()).toBe(
      `${ownerName}: own case Approved → In review; this company is on owner alert (its approval stands until an officer reviews it)`,
    );
    await page.close();
    expect(offOrigin).toEqual([]);
  });
});
