import { isApplicant } from '../../shared/schemas/profile';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/tempService';
import { startServe, type RunningServer } from '../helpers/serveProcess';
import { chromiumAvailable, launchChromium } from '../helpers/chromium';
import { signInPage } from '../helpers/signInPage';
import { rpc, tokenFor } from '../helpers/rpc';
import { DEMO_PASSWORD } from '../../electron/service/demo/demoAccounts';
import type { Policy } from '../../shared/schemas/policy';
import type { CaseDetail, QueuePage } from '../../shared/schemas/case';
import type { Profile } from '../../shared/schemas/profile';
import { personInput } from '../helpers/profileFixtures';

const artifacts = join(import.meta.dirname, '../../test-artifacts');

describe.skipIf(!chromiumAvailable)('review in real Chromium: triage, decision, second review, refusals, conflicts', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    // The engine is off so no result lands mid-test and moves a case's version under us.
    server = await startServe(['--data', makeTempDir('kyc-e2e-review-'), '--demo', '--no-analysis']);
    browser = await launchChromium();
    // This team reviews every rejection twice.
    const admin = await tokenFor(server.url, 'admin@demo.kyc', DEMO_PASSWORD);
    const p = await rpc<Policy>(server.url, 'policy.get', {}, admin);
    if (!p.body.ok) throw new Error('policy');
    const u = await rpc(server.url, 'policy.update', { body: { ...p.body.value.body, fourEyes: { ...p.body.value.body.fourEyes, onReject: true } }, note: 'every rejection reviewed twice' }, admin);
    expect(u.body.ok).toBe(true);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signedIn(email: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signInPage(page, server.url, email);
    return page;
  }

  /** The senior officer takes the next case and proposes a rejection, which waits for a second senior. */
  async function proposeRejection(senior: Page, checkShortcut = false): Promise<string> {
    await senior.locator('.queue-row').first().waitFor();
    await senior.keyboard.press('n');
    await senior.locator('.decision-bar').waitFor();
    const caseUrl = senior.url();
    await senior.keyboard.press('r');
    if (checkShortcut) {
      // No reason is chosen by the shortcut's letter (select type-ahead): the officer picks it.
      await expect.poll(() => senior.getByLabel('Reason').evaluate((el) => el.ownerDocument.activeElement === el)).toBe(true);
      expect(await senior.getByLabel('Reason').inputValue()).toBe('');
    }
    await senior.getByLabel('Reason').selectOption('DATA_MISMATCH');
    await senior.getByLabel('Message to the customer').fill('The name on your document does not match your application.');
    await senior.getByRole('button', { name: 'Confirm Reject' }).click();
    await expect.poll(() => senior.locator('.case-status .badge').first().textContent()).toBe('Awaiting second review');
    return caseUrl;
  }

  it('triage with the keyboard, take the next case, approve it', async () => {
    const page = await signedIn('officer@demo.kyc');
    await page.locator('.queue-row').first().waitFor();
    await page.getByRole('button', { name: /^Submitted/ }).click();
    await expect.poll(async () => new Set(await page.locator('.queue-row .badge').allTextContents())).toEqual(new Set(['Submitted', 'Overdue']));
    await page.keyboard.press('j');
    await expect.poll(() => page.locator('.queue-row.selected').getAttribute('data-index')).toBe('1');
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog').textContent()).resolves.toContain('Take the next case');
    await page.keyboard.press('Escape');
    await page.keyboard.press('n');
    await page.locator('.decision-bar').waitFor();
    const name = await page.locator('.case-header h1').textContent();
    await expect.poll(() => page.locator('.case-status .badge').first().textContent()).toBe('In review');
    await page.keyboard.press('a');
    // The shortcut opens the form; its letter is not typed into the comment the form focuses.
    await expect.poll(() => page.getByLabel('Internal comment').evaluate((el) => el.ownerDocument.activeElement === el)).toBe(true);
    expect(await page.getByLabel('Internal comment').inputValue()).toBe('');
    await page.getByLabel('Internal comment').fill('Document and profile agree.');
    await page.getByRole('button', { name: 'Confirm Approve' }).click();
    await expect.poll(() => page.locator('.case-status .badge').first().textContent()).toBe('Approved');
    // The officer is told what the click did.
    await expect.poll(() => page.locator('.toast').allTextContents()).toContain('Approved: the case is closed.×');
    await page.screenshot({ path: join(artifacts, 'e2e-review-approved.png'), fullPage: true });
    expect(name).toBeTruthy();
    await page.close();
  });

  it('a rejection waits for a second senior officer; the proposer cannot confirm it', async () => {
    const senior = await signedIn('senior@demo.kyc');
    const caseUrl = await proposeRejection(senior, true);
    await expect(senior.locator('.second-review').textContent()).resolves.toContain('You proposed this decision');
    await expect.poll(() => senior.locator('.toast').last().textContent()).toMatch(/^Proposed, not in effect yet: a second senior officer must confirm it \(.+\)\.×$/);
    // The decisions list shows it as a proposal, not as a rejection in effect.
    const proposal = senior.locator('.decision[data-state="proposed"]');
    await expect(proposal.textContent()).resolves.toContain('Proposed, not in effect: waiting for a second review');
    expect(await senior.getByRole('button', { name: 'Confirm decision' }).count()).toBe(0);
    await senior.screenshot({ path: join(artifacts, 'e2e-review-held.png'), fullPage: true });

    const second = await signedIn('senior2@demo.kyc');
    await second.locator('.queue-row').first().waitFor();
    await second.goto(caseUrl);
    await second.getByLabel('Review comment').fill('Agreed: surname differs.');
    await second.getByRole('button', { name: 'Confirm decision' }).click();
    await expect.poll(() => second.locator('.case-status .badge').first().textContent()).toBe('Rejected');
    await expect.poll(() => second.locator('.toast').last().textContent()).toBe('Confirmed: the decision (Reject) is in effect.×');
    await expect.poll(() => second.locator('.decisions').textContent()).toContain('DATA_MISMATCH');
    await expect.poll(() => second.locator('.decision[data-state="confirmed"]').textContent()).toMatch(/Confirmed by .+\. Review comment: Agreed: surname differs\./);
    await senior.close();
    await second.close();
  });

  it('a returned proposal is shown to whoever decides the case next, with the second reviewer\'s comment', async () => {
    const senior = await signedIn('senior@demo.kyc');
    const caseUrl = await proposeRejection(senior);

    const second = await signedIn('senior2@demo.kyc');
    await second.locator('.queue-row').first().waitFor();
    await second.goto(caseUrl);
    await second.getByLabel('Review comment').fill('Source of funds not documented yet; ask first.');
    await second.getByRole('button', { name: 'Return to review' }).click();
    await expect.poll(() => second.locator('.toast').last().textContent()).toMatch(/^Returned to Sofía Salazar: the case is back in review\.×$/);

    await senior.reload();
    const banner = senior.locator('.returned-decision');
    await expect.poll(() => banner.textContent()).toMatch(/^Samuel Stein returned the proposed decision \(Reject\) on .+: “Source of funds not documented yet; ask first\.”$/);
    await senior.screenshot({ path: join(artifacts, 'e2e-review-returned.png'), fullPage: true });
    await senior.close();
    await second.close();
  });

  it('refuses a decision on a case that changed after it was opened', async () => {
    const page = await signedIn('officer2@demo.kyc');
    await page.locator('.queue-row').first().waitFor();
    await page.keyboard.press('n');
    await page.locator('.decision-bar').waitFor();
    const caseId = page.url().split('/case/')[1]!;
    // Meanwhile the same officer, from another window, corrects a field: the version moves on.
    const token = await tokenFor(server.url, 'officer2@demo.kyc', DEMO_PASSWORD);
    const detail = await rpc<{ case: { version: number } }>(server.url, 'cases.get', { id: caseId }, token);
    if (!detail.body.ok) throw new Error('detail');
    const edit = await rpc(server.url, 'cases.editField', { caseId, field: 'middleName', value: 'Corrected', reason: 'as printed', expectedVersion: detail.body.value.case.version }, token);
    expect(edit.body.ok).toBe(true);
    await page.keyboard.press('a');
    await page.getByRole('button', { name: 'Confirm Approve' }).click();
    await expect.poll(() => page.locator('.toast').first().textContent()).toContain('The case changed since you opened it');
    await expect.poll(() => page.locator('.case-status .badge').allTextContents()).toContain('User-modified');
    await page.close();
  });

  it('corrects an OCR field in place: audited, and the case becomes user-modified', async () => {
    const page = await signedIn('officer@demo.kyc');
    await page.locator('.queue-row').first().waitFor();
    await page.keyboard.press('n');
    await page.locator('.decision-bar').waitFor();
    // The profile names the document type in words, not by its code.
    expect(await page.locator('.field', { has: page.locator('dt', { hasText: /^Type$/ }) }).first().locator('dd').textContent()).not.toMatch(/^[A-Z_]+$/);
    await page.getByRole('button', { name: 'Edit Last name' }).click();
    await page.getByLabel('Last name', { exact: true }).fill('Corrected-Surname');
    await page.getByLabel('Why (kept in the audit trail)').fill('as printed on the passport');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('.case-header h1').textContent()).toContain('Corrected-Surname');
    await expect.poll(() => page.locator('.case-status .badge').allTextContents()).toContain('User-modified');
    await expect.poll(() => page.locator('.timeline').textContent()).toContain('lastName changed: as printed on the passport');
    await expect.poll(() => page.locator('.toast').allTextContents()).toContain('Last name corrected; the cross-checks run again.×');
    // A value the service refuses is said under the field being corrected, not in a toast; the form stays open.
    await page.getByRole('button', { name: 'Edit Date of birth' }).click();
    await page.getByLabel('Date of birth', { exact: true }).fill('2015-01-01');
    await page.getByLabel('Why (kept in the audit trail)').fill('as printed');
    await page.getByRole('button', { name: 'Save' }).click();
    const fieldError = page.locator('.inline-edit .field-error');
    await expect.poll(() => fieldError.textContent()).toMatch(/^The customer is under the minimum age\. .*18/);
    expect(await page.getByLabel('Date of birth', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.toast', { hasText: 'minimum age' }).count()).toBe(0);
    await page.locator('.inline-edit').screenshot({ path: join(artifacts, 'e2e-review-field-error.png') });
    await page.close();
  });

  it('a blocklist hit: a new case with a blocklisted document is flagged, with a link to the other case; a senior officer takes the entry off, saying why', async () => {
    const officerToken = await tokenFor(server.url, 'officer@demo.kyc', DEMO_PASSWORD);
    const q = await rpc<QueuePage>(server.url, 'cases.list', { statuses: ['IN_REVIEW'], profileType: 'PERSON' }, officerToken);
    if (!q.body.ok) throw new Error('list');
    const source = q.body.value.rows[0]!;
    const detail = await rpc<CaseDetail>(server.url, 'cases.get', { id: source.id }, officerToken);
    if (!detail.body.ok || detail.body.value.profile.type !== 'PERSON') throw new Error('detail');
    const personData = detail.body.value.profile.data;
    // Demo cases are full KillB persons, never kycService applicants.
    if (isApplicant(personData)) throw new Error('a demo case is a full person');
    const document = personData.document;

    // The officer blocklists the case's document from the case page.
    const page = await signedIn('officer@demo.kyc');
    await page.locator('.queue-row').first().waitFor();
    await page.goto(`${server.url}/#/case/${source.id}`);
    await page.getByRole('heading', { name: source.displayName }).waitFor();
    await page.getByRole('button', { name: 'Blocklist…' }).click();
    // The form takes the focus, and names what it would block.
    await expect.poll(() => page.locator('form[aria-label="Add to the blocklist"] :focus').count()).toBe(1);
    // No face to offer: the selfie was not analysed (started without the engine) and no Didit session holds one.
    expect(await page.getByLabel(/^Face/).count()).toBe(0);
    await page.getByLabel(`Document ${document.number}`).check();
    await page.getByLabel('Reason', { exact: true }).fill('Document reported stolen');
    await page.getByRole('button', { name: 'Add to blocklist' }).click();
    // The form closes on success with a confirmation; the case says its document is blocklisted.
    await page.locator('.toast', { hasText: 'Added to the blocklist.' }).waitFor();
    await page.locator('[data-blocklisted="DOCUMENT"]', { hasText: `This case’s document ${document.number} is on the blocklist` }).waitFor();
    // Nothing is left to block, so the action is gone, and the focus is on the panel rather than lost.
    expect(await page.getByRole('button', { name: 'Blocklist…' }).count()).toBe(0);
    await expect.poll(() => page.locator(':focus').textContent()).toBe('Blocklist and duplicates');

    // Branch staff then onboard someone else presenting the same document.
    const staff = await tokenFor(server.url, 'branch@demo.kyc', DEMO_PASSWORD);
    const created = await rpc<Profile>(server.url, 'profiles.createPerson', personInput({ firstName: 'Imelda', lastName: 'Impostora', document }), staff);
    if (!created.body.ok) throw new Error(created.body.error.message);
    const found = await rpc<QueuePage>(server.url, 'cases.list', { search: created.body.value.externalId }, officerToken);
    if (!found.body.ok) throw new Error('list');
    const newCaseId = found.body.value.rows[0]!.id;

    await page.goto(`${server.url}/#/case/${newCaseId}`);
    await page.getByRole('heading', { name: 'Imelda Impostora' }).waitFor();
    const flag = page.locator('.flag[data-flag="BLOCKLIST_DOCUMENT"]');
    await flag.waitFor();
    await expect(flag.textContent()).resolves.toContain('Document on the blocklist');
    await expect(flag.textContent()).resolves.toContain(document.number);
    await page.screenshot({ path: join(artifacts, 'e2e-blocklist-hit.png'), fullPage: true });
    // The link leads to the case whose document was blocklisted.
    await flag.getByRole('button', { name: new RegExp(`Open the other case: ${source.displayName}`) }).click();
    await page.getByRole('heading', { name: source.displayName }).waitFor();
    expect(page.url()).toContain(`/case/${source.id}`);

    // The Blocklist section lists the entry, with its case, reason and author; an officer cannot remove it.
    await page.getByRole('link', { name: 'Blocklist', exact: true }).click();
    await page.getByRole('heading', { name: 'Blocklist', level: 1 }).waitFor();
    const row = page.locator('tr[data-kind="DOCUMENT"]', { hasText: document.number });
    await row.waitFor();
    expect(await row.textContent()).toContain('Document reported stolen');
    expect(await row.getByRole('link', { name: source.displayName }).getAttribute('href')).toBe(`#/case/${source.id}`);
    expect(await row.getByRole('button', { name: 'Remove' }).count()).toBe(0);
    await page.close();

    // A senior officer removes it through the in-app dialog, which asks why.
    const senior = await signedIn('senior@demo.kyc');
    await senior.getByRole('link', { name: 'Blocklist', exact: true }).click();
    const seniorRow = senior.locator('tr[data-kind="DOCUMENT"]', { hasText: document.number });
    await seniorRow.getByRole('button', { name: 'Remove' }).click();
    const dialog = senior.getByRole('dialog');
    // The question names the entry; Tab stays within the dialog.
    const question = dialog.getByLabel(`Why is this entry taken off the blocklist? (Document ${document.number} of ${source.displayName})`);
    await question.fill('Owner recovered the document; police report withdrawn');
    for (let i = 0; i < 3; i++) await senior.keyboard.press('Tab');
    expect(await dialog.locator(':focus').count()).toBe(1);
    await senior.screenshot({ path: join(artifacts, 'e2e-blocklist-remove.png') });
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => seniorRow.count()).toBe(0);
    await senior.locator('.toast', { hasText: 'Removed from the blocklist.' }).waitFor();
    // The focus goes to the list, not to the page body.
    expect(await senior.locator(':focus').textContent()).toBe('Active entries');
    await senior.close();

    // The source case's timeline says who removed it and why.
    const auditorToken = await tokenFor(server.url, 'auditor@demo.kyc', DEMO_PASSWORD);
    const events = await rpc<{ type: string; actor: { name: string }; payload: Record<string, unknown> }[]>(server.url, 'audit.list', { caseId: source.id, type: 'blocklist.removed', limit: 5 }, auditorToken);
    if (!events.body.ok) throw new Error('audit');
    expect(events.body.value[0]?.payload).toMatchObject({ kind: 'DOCUMENT', reason: 'Owner recovered the document; police report withdrawn' });
  });

  it('refuses by role: an auditor cannot decide, branch staff cannot open the queue', async () => {
    const auditor = await signedIn('auditor@demo.kyc');
    await auditor.locator('.queue-row').first().click();
    await auditor.locator('.decision-bar').waitFor();
    expect(await auditor.locator('.decision-bar button').count()).toBe(0);
    await auditor.close();
    const auditorToken = await tokenFor(server.url, 'auditor@demo.kyc', DEMO_PASSWORD);
    const officerToken = await tokenFor(server.url, 'officer@demo.kyc', DEMO_PASSWORD);
    const q = await rpc<QueuePage>(server.url, 'cases.list', { statuses: ['IN_REVIEW'] }, officerToken);
    if (!q.body.ok) throw new Error('list');
    const target = q.body.value.rows[0]!;
    const refused = await rpc(server.url, 'cases.decide', { caseId: target.id, action: 'approve', expectedVersion: target.version }, auditorToken);
    expect(refused.status).toBe(403);

    const staff = await signedIn('branch@demo.kyc');
    await expect.poll(() => staff.locator('main').textContent()).toContain('The review queue is not part of your role.');
    expect(await staff.locator('.queue-row').count()).toBe(0);
    const staffToken = await tokenFor(server.url, 'branch@demo.kyc', DEMO_PASSWORD);
    expect((await rpc(server.url, 'cases.list', {}, staffToken)).status).toBe(403);
    await staff.close();
  });
});
