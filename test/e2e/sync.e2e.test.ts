import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/tempService';
import { startServe, type RunningServer } from '../helpers/serveProcess';
import { chromiumAvailable, launchChromium } from '../helpers/chromium';
import { signInPage } from '../helpers/signInPage';
import { rpc, tokenFor } from '../helpers/rpc';
import { TINY_PNG } from '../helpers/caseSetup';
import { personInput } from '../helpers/profileFixtures';
import { startFakeKillb, type FakeKillb } from '../fakes/fakeKillb';
import { startFakeDidit, type FakeDidit } from '../fakes/fakeDidit';
import type { DiditSessionState } from '../../shared/schemas/didit';
import { DEMO_PASSWORD } from '../../electron/service/demo/demoAccounts';
import type { AuditEvent } from '../../shared/schemas/audit';
import type { Profile } from '../../shared/schemas/profile';
import type { CaseSummary } from '../../shared/schemas/case';

const artifacts = join(import.meta.dirname, '../../test-artifacts');

/**
 * Remote sync from the browser (issue 11): an admin points the KillB connector at the KillB
 * fake on the settings page and tests it; approvals reach the fake exactly once; the header
 * shows the connection state, a remote outage and the backlog draining after it; a KillB
 * refusal is a dead letter the reviewer sees on the case and the admin retries and discards.
 */
describe.skipIf(!chromiumAvailable)('remote sync in real Chromium: KillB settings, header state, dead letters', () => {
  let server: RunningServer;
  let browser: Browser;
  let killb: FakeKillb;
  let didit: FakeDidit;
  let demoApiToken: string;
  let staff: string;
  let admin: string;
  let admitted: { profileId: string; caseId: string; externalId: string };
  const pages: Page[] = [];

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    killb = await startFakeKillb();
    didit = await startFakeDidit();
    server = await startServe(['--data', makeTempDir('kyc-e2e-sync-'), '--demo', '--no-analysis']);
    browser = await launchChromium();
    const token = /demo API token: (\S+)/.exec(server.output())?.[1];
    if (!token) throw new Error(`serve printed no demo API token:\n${server.output()}`);
    demoApiToken = token;
    // Didit's console points its webhooks at this workstation's receiver.
    didit.setWebhookUrl(`${server.url}/api/sync/didit/webhook`);
    staff = await tokenFor(server.url, 'branch@demo.kyc', DEMO_PASSWORD);
    admin = await tokenFor(server.url, 'admin@demo.kyc', DEMO_PASSWORD);
  }, 180_000);
  afterAll(async () => {
    for (const p of pages) await p.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
    await killb?.close();
    await didit?.close();
  });

  async function signedIn(email: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    pages.push(page);
    await signInPage(page, server.url, email);
    return page;
  }

  /** Polls pause when nobody touches the window (idle sessions must expire): a test waiting long moves the mouse. */
  async function nudge(page: Page): Promise<void> {
    await page.mouse.move(200 + Math.round(Math.random() * 400), 300);
  }

  /** A new branch customer: its case is NOT_STARTED. */
  async function newPerson(overrides: Parameters<typeof personInput>[0] = {}) {
    // A fresh document number each: the same one twice would be held as a duplicate, not approved.
    const number = String(1_000_000_000 + Math.floor(Math.random() * 8_999_999_999));
    const created = await rpc<Profile>(server.url, 'profiles.createPerson', personInput({ document: { type: 'NUIP', number, issuedCountryCode: 'CO' }, ...overrides }), staff);
    if (!created.body.ok) throw new Error(`createPerson: ${created.body.error.message}`);
    const profile = created.body.value;
    const found = await rpc<{ rows: CaseSummary[] }>(server.url, 'cases.list', { search: profile.externalId, limit: 5 }, admin);
    const caseId = found.body.ok ? found.body.value.rows.find((r) => r.profileId === profile.id)?.id : undefined;
    if (!caseId) throw new Error('no case for the new profile');
    return { profileId: profile.id, caseId, externalId: profile.externalId };
  }

  /** Branch staff open a Didit session for the case; its id once Didit answered. */
  async function diditSessionFor(caseId: string): Promise<string> {
    const opened = await rpc<DiditSessionState>(server.url, 'sync.diditSession', { caseId }, staff);
    if (!opened.body.ok) throw new Error(`sync.diditSession: ${opened.body.error.message}`);
    for (let i = 0; i < 60; i++) {
      const r = await rpc<DiditSessionState>(server.url, 'sync.diditSession', { caseId }, staff);
      if (r.body.ok && r.body.value.sessionId) return r.body.value.sessionId;
      await new Promise((done) => setTimeout(done, 500));
    }
    throw new Error('no Didit session was opened');
  }

  /** A branch customer, submitted with a document, ready for an officer's decision. */
  async function submittedPerson(overrides: Parameters<typeof personInput>[0] = {}) {
    const p = await newPerson(overrides);
    for (const [op, input] of [
      ['cases.start', { id: p.caseId }],
      ['evidence.add', { caseId: p.caseId, kind: 'DOCUMENT_FRONT', fileName: 'front.png', mimeType: 'image/png', dataBase64: TINY_PNG.toString('base64') }],
      ['cases.submit', { id: p.caseId }],
    ] as const) {
      const r = await rpc(server.url, op, input, staff);
      if (!r.body.ok) throw new Error(`${op}: ${r.body.error.message}`);
    }
    return p;
  }

  /** An officer's approval over the kycService REST API, with the demo API token serve printed. */
  async function approveOverRest(profileId: string): Promise<void> {
    const r = await fetch(`${server.url}/admin/kyc/update-status`, {
      method: 'POST',
      headers: { authorization: `Bearer ${demoApiToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ profileId, status: 2, remark: 'identity verified' }),
    });
    expect(await r.json()).toMatchObject({ code: 0, data: { caseStatus: 'APPROVED' } });
  }

  const killbCard = (page: Page): Locator => page.locator('section[data-connector="killb"]');

  it('an admin configures KillB against the fake on the settings page, and Test connection signs in', async () => {
    const page = await signedIn('admin@demo.kyc');
    // Nothing is switched on: the header has no connection to show.
    await expect(page.locator('.sync-indicator').count()).resolves.toBe(0);
    // The administration sections sit under one header menu.
    await page.getByRole('button', { name: 'Administration' }).click();
    await page.getByRole('link', { name: 'Remote sync' }).click();
    await page.getByRole('heading', { name: 'Remote sync', level: 1 }).waitFor();
    expect(page.url()).toContain('#/admin/sync');
    const card = killbCard(page);
    await card.getByRole('heading', { name: 'KillB' }).waitFor();
    await page.getByText('No dead letters').waitFor();
    await page.screenshot({ path: join(artifacts, 'e2e-sync-0-settings-empty.png'), fullPage: true });

    // A setting the service refuses is named by its label, not its key.
    await card.getByLabel('Base URL').fill('ftp://files.example');
    await card.getByLabel('Account email').fill(killb.credentials.email);
    await card.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => card.getByRole('alert').textContent()).toBe('Base URL: must be an http:// or https:// address');
    // Switching on without a password is refused next to the card, nothing saved.
    await card.getByLabel('Base URL').fill(killb.url);
    await card.getByLabel('Account email').fill(killb.credentials.email);
    await card.getByRole('switch').check();
    await card.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => card.getByRole('alert').textContent()).toContain('set the secret');

    await card.getByLabel('Password').fill(killb.credentials.password);
    await card.getByRole('button', { name: 'Save' }).click();
    // Write-only: the field empties and says only that a password is set, not even its last characters.
    await expect.poll(() => card.getByLabel('Password').inputValue()).toBe('');
    await expect.poll(() => card.getByLabel('Password').getAttribute('placeholder')).toBe('••••');
    await card.getByText('Set (••••). Leave empty to keep it.').waitFor();
    expect(await page.content()).not.toContain(killb.credentials.password);
    expect(await card.textContent()).not.toContain(`••••${killb.credentials.password.slice(-4)}`);

    await card.getByRole('button', { name: 'Test connection' }).click();
    const answer = card.locator('.sync-test');
    await expect.poll(() => answer.getAttribute('data-ok')).toBe('true');
    expect(await answer.textContent()).toBe('Connected: signed in to KillB');
    // The header now shows the state of the one connector in use.
    await expect.poll(() => page.locator('.sync-indicator').count()).toBe(1);
    await page.screenshot({ path: join(artifacts, 'e2e-sync-1-killb-configured.png'), fullPage: true });

    // A wrong password is an answer on the page too, and the right one is kept when the field stays empty.
    await card.getByLabel('Account email').fill('nobody@fake-killb.test');
    await card.getByRole('button', { name: 'Save' }).click();
    await card.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => answer.getAttribute('data-ok')).toBe('false');
    expect(await answer.textContent()).toBe('Failed: KillB refused the email or password (POST /api/v2/auth/login: HTTP 401)');
    await card.getByLabel('Account email').fill(killb.credentials.email);
    await card.getByRole('button', { name: 'Save' }).click();
    await card.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => answer.getAttribute('data-ok')).toBe('true');

    const audit = await rpc<AuditEvent[]>(server.url, 'audit.list', { type: 'sync.configured' }, admin);
    if (!audit.body.ok) throw new Error('audit.list');
    expect(audit.body.value.length).toBe(3);
    expect(JSON.stringify(audit.body.value)).not.toContain(killb.credentials.password);
  }, 120_000);

  it('an approval reaches KillB exactly once; the header says Online and the case shows its KillB user', async () => {
    admitted = await submittedPerson();
    await approveOverRest(admitted.profileId);
    await expect.poll(() => killb.users.length, { timeout: 30_000, interval: 250 }).toBe(1);
    expect(killb.users[0]!.externalId).toBe(admitted.externalId);

    const page = await signedIn('admin@demo.kyc');
    const indicator = page.locator('.sync-indicator');
    await expect.poll(() => indicator.getAttribute('data-state'), { timeout: 15_000 }).toBe('online');
    expect(await indicator.textContent()).toBe('Online');
    await page.locator('.app-header').screenshot({ path: join(artifacts, 'e2e-sync-2-header-online.png') });

    const officer = await signedIn('officer@demo.kyc');
    await officer.goto(`${server.url}/#/case/${admitted.caseId}`);
    const panel = officer.locator('section.sync-case');
    await panel.waitFor();
    await expect.poll(() => panel.locator('tr[data-status]').first().getAttribute('data-status')).toBe('delivered');
    expect(await panel.locator('.sync-links li[data-connector="killb"] code').textContent()).toBe(killb.users[0]!.id);
    expect(await panel.locator('.sync-links li').textContent()).toContain(killb.users[0]!.status);
    // KillB's access level beside its status, said to be what KillB answered at creation (seed 001 has no read-back).
    expect(await panel.locator('.sync-links li[data-connector="killb"]').textContent()).toContain(`Access level ${killb.users[0]!.accessLevel}as KillB answered when the user was created`);
    await panel.scrollIntoViewIfNeeded();
    await officer.screenshot({ path: join(artifacts, 'e2e-sync-3-case-delivered.png'), fullPage: true });
    // Still one user a while later: the runner does not deliver a delivered row again.
    await new Promise((r) => setTimeout(r, 2_000));
    expect(killb.users.filter((u) => u.externalId === admitted.externalId)).toHaveLength(1);
  }, 120_000);

  it('KillB down: the header says Offline with the backlog, then a progress bar while it drains; each user once', async () => {
    const page = await signedIn('admin@demo.kyc');
    const indicator = page.locator('.sync-indicator');
    await expect.poll(() => indicator.getAttribute('data-state'), { timeout: 15_000 }).toBe('online');
    // Five 503s open the breaker (30 s); after it, slow answers keep the backlog visible while it drains.
    killb.faults.enqueue('createUser', ...Array.from({ length: 5 }, () => ({ kind: 'serverError' as const, status: 503 as const })));
    killb.faults.enqueue('createUser', ...Array.from({ length: 4 }, () => ({ kind: 'delay' as const, ms: 2_500 })));
    const backlog = [];
    for (let i = 0; i < 4; i++) backlog.push(await submittedPerson());
    for (const p of backlog) await approveOverRest(p.profileId);

    await expect
      .poll(
        async () => {
          await nudge(page);
          return indicator.getAttribute('data-state');
        },
        { timeout: 40_000, interval: 500 },
      )
      .toBe('offline');
    await expect.poll(() => indicator.textContent()).toBe('Offline — 4 waiting');
    await page.goto(`${server.url}/#/admin/sync`);
    await killbCard(page).getByText('Open', { exact: true }).waitFor();
    await page.screenshot({ path: join(artifacts, 'e2e-sync-4-offline.png'), fullPage: true });

    // The breaker's cooldown passes, KillB answers (slowly): the header measures the drain.
    const bar = indicator.locator('progress');
    await expect
      .poll(
        async () => {
          await nudge(page);
          return bar.count();
        },
        { timeout: 60_000, interval: 250 },
      )
      .toBe(1);
    const max = Number(await bar.getAttribute('max'));
    expect(max).toBe(4);
    await page.locator('.app-header').screenshot({ path: join(artifacts, 'e2e-sync-5-header-draining.png') });
    await expect
      .poll(
        async () => {
          await nudge(page);
          return killb.users.length;
        },
        { timeout: 30_000, interval: 250 },
      )
      .toBe(5);
    await expect
      .poll(
        async () => {
          await nudge(page);
          return indicator.getAttribute('data-state');
        },
        { timeout: 15_000 },
      )
      .toBe('online');
    await expect.poll(() => bar.count()).toBe(0);
    // Every customer exactly once, whatever the outage did.
    for (const p of [admitted, ...backlog]) expect(killb.users.filter((u) => u.externalId === p.externalId), p.externalId).toHaveLength(1);
  }, 180_000);

  it('KillB refuses a customer: a dead letter on the case and the settings page, retried then discarded with notes', async () => {
    // A Singapore mobile: valid for us, too short for seed 001's phone rule (USER.0004): never sent, a dead letter.
    const refused = await submittedPerson({ phone: '+6591234567' });
    await approveOverRest(refused.profileId);

    const officer = await signedIn('officer@demo.kyc');
    await officer.goto(`${server.url}/#/case/${refused.caseId}`);
    const panel = officer.locator('section.sync-case');
    await expect
      .poll(
        async () => {
          await nudge(officer);
          return panel.locator('tr[data-status]').first().getAttribute('data-status');
        },
        { timeout: 30_000 },
      )
      .toBe('dead');
    expect(await panel.locator('.sync-dead-hint').textContent()).toContain('An admin can retry or discard it');
    expect(await panel.locator('.sync-error-cell').textContent()).toContain('USER.0004');
    // Officers see the refusal, not the admin's tools.
    await expect(panel.getByRole('link', { name: 'Open Remote sync' }).count()).resolves.toBe(0);
    await panel.scrollIntoViewIfNeeded();
    await officer.screenshot({ path: join(artifacts, 'e2e-sync-6-case-refused.png') });

    const page = await signedIn('admin@demo.kyc');
    const indicator = page.locator('.sync-indicator');
    await expect.poll(() => indicator.locator('.sync-dead').textContent(), { timeout: 15_000 }).toBe('1 failed');
    await indicator.click();
    await page.getByRole('heading', { name: 'Remote sync', level: 1 }).waitFor();
    const row = page.locator('.sync-dead-letters tr[data-outbox-id]');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('USER.0004');
    expect(await row.textContent()).toContain('Create KillB user');
    await page.screenshot({ path: join(artifacts, 'e2e-sync-7-dead-letter.png'), fullPage: true });

    // Retry: a note is required; KillB refuses again, so it comes back as a dead letter.
    await row.getByRole('button', { name: 'Retry…' }).click();
    const confirmRetry = page.getByRole('button', { name: 'Retry', exact: true });
    await expect.poll(() => confirmRetry.isDisabled()).toBe(true);
    await page.getByLabel('Why retry? (e.g. what was fixed)').fill('customer confirmed the number');
    await page.screenshot({ path: join(artifacts, 'e2e-sync-8-retry-note.png'), fullPage: true });
    await confirmRetry.click();
    const outboxId = (await row.getAttribute('data-outbox-id'))!;
    await expect
      .poll(
        async () => {
          await nudge(page);
          const audit = await rpc<AuditEvent[]>(server.url, 'audit.list', { type: 'sync.dead_lettered' }, admin);
          return audit.body.ok ? audit.body.value.filter((e) => (e.payload as { outboxId?: string }).outboxId === outboxId).length : 0;
        },
        { timeout: 30_000 },
      )
      .toBe(2);
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);

    await row.getByRole('button', { name: 'Discard…' }).click();
    await page.getByLabel('Why discard? (e.g. customer withdrew)').fill('customer withdrew the application');
    await page.getByRole('button', { name: 'Discard', exact: true }).click();
    await page.getByText('No dead letters').waitFor();
    await expect.poll(() => indicator.locator('.sync-dead').count(), { timeout: 15_000 }).toBe(0);
    await page.screenshot({ path: join(artifacts, 'e2e-sync-9-discarded.png'), fullPage: true });

    const audit = await rpc<AuditEvent[]>(server.url, 'audit.list', { caseId: refused.caseId }, admin);
    if (!audit.body.ok) throw new Error('audit.list');
    const notes = audit.body.value.filter((e) => e.type === 'sync.retried' || e.type === 'sync.discarded').map((e) => [e.type, (e.payload as { note: string }).note, e.actorName]);
    expect(notes).toEqual(expect.arrayContaining([expect.arrayContaining(['sync.retried', 'customer confirmed the number']), expect.arrayContaining(['sync.discarded', 'customer withdrew the application'])]));
    expect(killb.users.find((u) => u.externalId === refused.externalId)).toBeUndefined();

    // The case keeps the record of it.
    await officer.reload();
    await expect.poll(() => panel.locator('tr[data-status]').first().getAttribute('data-status')).toBe('discarded');
  }, 180_000);

  it('Didit: configured on the page, a session decided by signed webhook shows on the case, the officer approves and Didit gets the update', async () => {
    const page = await signedIn('admin@demo.kyc');
    await page.goto(`${server.url}/#/admin/sync`);
    const card = page.locator('section[data-connector="didit"]');
    await card.getByLabel('Base URL').fill(didit.url);
    await card.getByLabel('Callback URL').fill(`${server.url}/#/onboarding`);
    await card.getByLabel('API key').fill(didit.apiKey);
    await card.getByLabel('Webhook secret').fill(didit.webhookSecret);
    await card.getByRole('switch').check();
    await card.getByRole('button', { name: 'Save' }).click();
    // Both secrets are write-only: the API key shows its tail, the webhook secret only that it is set.
    await expect.poll(() => card.getByLabel('API key').getAttribute('placeholder')).toBe(`••••${didit.apiKey.slice(-4)}`);
    await card.getByText('Set (••••). Leave empty to keep it.').waitFor();
    expect(await card.getByLabel('Webhook secret').inputValue()).toBe('');
    await card.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => card.locator('.sync-test').getAttribute('data-ok')).toBe('true');
    // Switching Didit on pushes the policy as a workflow; the card picks up the id Didit gave it.
    await expect.poll(() => didit.workflows.length, { timeout: 30_000, interval: 250 }).toBe(1);
    await expect
      .poll(
        async () => {
          await nudge(page);
          return card.getByLabel('Workflow id').inputValue();
        },
        { timeout: 20_000 },
      )
      .toBe(didit.workflows[0]!.uuid);
    await page.screenshot({ path: join(artifacts, 'e2e-sync-11-didit-configured.png'), fullPage: true });
    expect(await page.content()).not.toContain(didit.apiKey);
    expect(await page.content()).not.toContain(didit.webhookSecret);

    // Before a customer's details are saved there is no case to open a session for: the status step says when it comes.
    const early = await signedIn('branch@demo.kyc');
    await early.goto(`${server.url}/#/onboarding`);
    await early.getByRole('button', { name: 'New person' }).click();
    await early.getByRole('heading', { name: 'Where the customer stands' }).waitFor();
    await expect
      .poll(() => early.getByTestId('didit-session-later').textContent())
      .toBe('A Didit session can be opened once the customer’s personal information is saved: Didit checks the document against those details.');
    expect(await early.getByRole('button', { name: 'Create Didit session' }).count()).toBe(0);
    await early.close();

    // Branch staff open a Didit session for a new customer from onboarding, and get its link.
    const customer = await newPerson();
    const branchPage = await signedIn('branch@demo.kyc');
    await branchPage.goto(`${server.url}/#/onboarding/${customer.profileId}`);
    const control = branchPage.getByTestId('didit-session');
    await control.getByRole('button', { name: 'Create Didit session' }).click();
    await expect
      .poll(
        async () => {
          if (await branchPage.getByTestId('didit-session-url').count()) return true;
          await control.getByRole('button', { name: /session$/i }).click();
          return false;
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe(true);
    await branchPage.screenshot({ path: join(artifacts, 'e2e-sync-10b-didit-session-link.png'), fullPage: true });
    await branchPage.close();
    const session = async () => {
      const r = await rpc<DiditSessionState>(server.url, 'sync.diditSession', { caseId: customer.caseId }, staff);
      if (!r.body.ok) throw new Error(`sync.diditSession: ${r.body.error.message}`);
      return r.body.value;
    };
    expect((await session()).state).toBe('linked');
    const sid = (await session()).sessionId!;
    expect(didit.sessions).toHaveLength(1);
    expect((await session()).url).toBe(didit.sessions[0]!.url);

    // The customer finishes; Didit wants a human and says so by signed webhook.
    didit.setDecision(sid, { status: 'In Review' });
    const [hook] = await didit.sendWebhook(sid);
    expect(hook!.delivered).toBe(true);

    const officer = await signedIn('officer@demo.kyc');
    await officer.goto(`${server.url}/#/case/${customer.caseId}`);
    await expect.poll(() => officer.locator('.case-status .badge').first().textContent(), { timeout: 20_000 }).toBe('In review');
    const block = officer.locator('.sync-didit');
    await block.waitFor();
    expect(await block.getAttribute('data-didit-session')).toBe(sid);
    await expect.poll(() => block.locator('.sync-didit-compare').count()).toBe(1);
    await block.scrollIntoViewIfNeeded();
    await officer.screenshot({ path: join(artifacts, 'e2e-sync-12-case-didit-result.png'), fullPage: true });

    await officer.getByRole('button', { name: 'Take case' }).click();
    await officer.locator('.decision-bar .button.approve').click();
    await officer.getByLabel('Internal comment').fill('Didit and the document agree.');
    await officer.getByRole('button', { name: 'Confirm Approve' }).click();
    await expect.poll(() => officer.locator('.case-status .badge').first().textContent()).toBe('Approved');
    await expect.poll(() => didit.statusUpdates.length, { timeout: 30_000, interval: 250 }).toBe(1);
    expect(didit.statusUpdates[0]).toMatchObject({ sessionId: sid, new_status: 'Approved' });
    const panel = officer.locator('section.sync-case');
    const sent = panel.locator('tr', { hasText: 'Send decision to Didit' });
    await expect
      .poll(
        async () => {
          await nudge(officer);
          return sent.locator('.badge').textContent();
        },
        { timeout: 20_000 },
      )
      .toBe('Delivered');
    await panel.scrollIntoViewIfNeeded();
    await officer.screenshot({ path: join(artifacts, 'e2e-sync-13-case-didit-sent.png'), fullPage: true });
    // Once: a delivered update is not sent again.
    await new Promise((r) => setTimeout(r, 2_000));
    expect(didit.statusUpdates).toHaveLength(1);
  }, 180_000);

  it('Didit declines a session: the case page says Didit closed the case and no officer decided here', async () => {
    // Didit is configured by the test above; a fresh customer's session is declined in Didit.
    const customer = await newPerson();
    const sid = await diditSessionFor(customer.caseId);
    didit.setDecision(sid, { status: 'Declined' });
    const [hook] = await didit.sendWebhook(sid);
    expect(hook!.delivered).toBe(true);

    const officer = await signedIn('officer@demo.kyc');
    await officer.goto(`${server.url}/#/case/${customer.caseId}`);
    await expect
      .poll(
        async () => {
          await officer.reload();
          return officer.locator('.case-status .badge').first().textContent();
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe('Rejected');
    const closedBy = officer.locator('section[aria-labelledby="decisions-title"] .closed-by');
    await expect
      .poll(() => closedBy.textContent())
      .toMatch(new RegExp(`^Closed without an officer’s decision\\. Rejected in Didit \\(session ${sid}\\), imported on .+; no officer decided here\\.$`));
    // Not "No decision yet.": the case is closed, and the line above says by whom.
    expect(await officer.getByText('No decision yet.').count()).toBe(0);
    await closedBy.scrollIntoViewIfNeeded();
    await officer.screenshot({ path: join(artifacts, 'e2e-sync-14-case-closed-by-didit.png'), fullPage: true });

    // The officer blocklists the customer: the face is Didit's only, and the form says so; the
    // panel then says where the request to Didit's blocklist stands.
    await officer.getByRole('button', { name: 'Blocklist…' }).click();
    await officer.getByRole('checkbox', { name: 'Face (captured by Didit only: blocked at Didit, not here)', exact: true }).check();
    await officer.getByRole('checkbox', { name: /^Document \d+ \(and at Didit, the document it verified\)$/ }).check();
    await officer.getByLabel('Reason', { exact: true }).fill('Declined at Didit: forged document');
    await officer.getByRole('button', { name: 'Add to blocklist' }).click();
    await officer.locator('.toast', { hasText: 'Added to the blocklist. Didit’s blocklist is asked too: its answer shows in this panel.' }).waitFor();
    // The document is blocked here too; the face, which no selfie of ours holds, only at Didit.
    await officer.locator('[data-blocklisted="DOCUMENT"]').waitFor();
    expect(await officer.locator('[data-blocklisted="FACE"]').count()).toBe(0);
    const request = officer.locator('[data-didit-blocklist]');
    await expect
      .poll(
        async () => {
          await officer.reload();
          await officer.locator('.case-header h1').waitFor();
          return (await request.count()) ? request.first().getAttribute('data-didit-blocklist') : null;
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe('delivered');
    expect(await request.first().textContent()).toMatch(/^Face, Document sent to Didit’s blocklist \(.+\): blocked at Didit\.$/);
    await request.first().scrollIntoViewIfNeeded();
    await officer.screenshot({ path: join(artifacts, 'e2e-sync-16-didit-blocklist.png') });
  }, 120_000);

  it("Didit expires a session: the expiry notice gives Didit's reason, not the idle period", async () => {
    const customer = await newPerson();
    const sid = await diditSessionFor(customer.caseId);
    didit.setDecision(sid, { status: 'Expired' });
    const [hook] = await didit.sendWebhook(sid);
    expect(hook!.delivered).toBe(true);

    const officer = await signedIn('officer@demo.kyc');
    await officer.goto(`${server.url}/#/case/${customer.caseId}`);
    await expect
      .poll(
        async () => {
          await officer.reload();
          return officer.locator('.case-status .badge').first().textContent();
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe('Expired');
    await expect
      .poll(() => officer.locator('.expired-notice p').textContent())
      .toMatch(new RegExp(`^Didit reported its session ${sid} expired \\(imported on .+\\): the customer did not finish it\\. Restart the application to give the customer a new Didit session; what is on file stays\\.$`));
    await officer.screenshot({ path: join(artifacts, 'e2e-sync-15-expired-by-didit.png') });
  }, 120_000);

  it('shows the settings page in Simplified Chinese', async () => {
    const page = await signedIn('admin@demo.kyc');
    await page.goto(`${server.url}/#/admin/sync`);
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('heading', { name: '远程同步', level: 1 }).waitFor();
    // The refusal above is KillB's last word, so the runner reports the connector degraded until its next success.
    await expect.poll(() => page.locator('.sync-indicator').textContent()).toMatch(/^(在线|不稳定)$/);
    await page.screenshot({ path: join(artifacts, 'e2e-sync-10-settings-zh.png'), fullPage: true });
  }, 60_000);
});
