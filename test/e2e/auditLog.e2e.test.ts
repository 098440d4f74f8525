import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openStoreFile } from '../helpers/openStoreFile';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/tempService';
import { startServe, type RunningServer } from '../helpers/serveProcess';
import { chromiumAvailable, launchChromium } from '../helpers/chromium';
import { signInPage } from '../helpers/signInPage';
import { rpc, tokenFor } from '../helpers/rpc';
import { DEMO_PASSWORD } from '../../electron/service/demo/demoAccounts';
import type { AuditEvent, AuditFacets, ChainVerification } from '../../shared/schemas/audit';
import type { QueuePage } from '../../shared/schemas/case';

const root = join(import.meta.dirname, '../..');
const artifacts = join(root, 'test-artifacts');

describe.skipIf(!chromiumAvailable)('audit log viewer in real Chromium: filters, details, verify, tampering', () => {
  let server: RunningServer;
  let browser: Browser;
  let dataDir: string;
  let auditorToken: string;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    dataDir = makeTempDir('kyc-e2e-audit-');
    server = await startServe(['--data', dataDir, '--demo', '--no-analysis']);
    browser = await launchChromium();
    auditorToken = await tokenFor(server.url, 'auditor@demo.kyc', DEMO_PASSWORD);
    // One case on legal hold, so the retention tab has something to show.
    const admin = await tokenFor(server.url, 'admin@demo.kyc', DEMO_PASSWORD);
    const any = await rpc<AuditEvent[]>(server.url, 'audit.list', { type: 'case.status_changed', limit: 1 }, admin);
    if (!any.body.ok) throw new Error('audit.list');
    const hold = await rpc(server.url, 'retention.setLegalHold', { caseId: any.body.value[0]!.caseId, reason: 'Regulator inquiry 2026/12' }, admin);
    expect(hold.body.ok).toBe(true);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signedIn(email: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signInPage(page, server.url, email);
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.locator('.audit-row').first().waitFor();
    return page;
  }

  const seqs = (page: Page) => page.locator('.audit-row').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-seq'))));
  const cells = (page: Page, col: number) => page.locator(`.audit-row .audit-cells > :nth-child(${col})`).allTextContents();

  it('lists every event newest first and filters by type, actor, case and day', async () => {
    const page = await signedIn('auditor@demo.kyc');
    const facets = await rpc<AuditFacets>(server.url, 'audit.facets', {}, auditorToken);
    if (!facets.body.ok) throw new Error('facets');
    await expect.poll(() => page.locator('.audit-page .page-title').textContent()).toContain(`${facets.body.value.total} events in the log`);
    const first = await seqs(page);
    expect(first[0]).toBe(facets.body.value.total);
    expect(first).toEqual([...first].sort((a, b) => b - a));

    await page.getByLabel('Event type').selectOption('evidence.added');
    await expect.poll(async () => new Set(await page.locator('.audit-row .audit-type').allTextContents())).toEqual(new Set(['evidence.added']));
    // Each in words first (what was added), its code beside it.
    const typeCells = await cells(page, 4);
    expect(typeCells.length).toBeGreaterThan(0);
    for (const c of typeCells) expect(c).toMatch(/^(Document front|Document back|Selfie|Liveness clip|Proof of address|Source of funds|Supplementary document) added evidence\.added$/);
    // A decision's words are long (action and reason): they give way, the code beside them stays whole.
    await page.getByLabel('Event type').selectOption('case.decision');
    await expect.poll(async () => new Set(await page.locator('.audit-row .audit-type').allTextContents())).toEqual(new Set(['case.decision']));
    const clipped = await page.locator('.audit-row .audit-type').evaluateAll((els) => els.filter((el) => (el as unknown as { scrollWidth: number; clientWidth: number }).scrollWidth > (el as unknown as { clientWidth: number }).clientWidth + 1).length);
    expect(clipped).toBe(0);
    const fits = await page.locator('.audit-row .audit-type').evaluateAll((els) => els.every((el) => { const r = (el as unknown as { getBoundingClientRect(): { right: number } }).getBoundingClientRect(); const cell = (el as unknown as { parentElement: { getBoundingClientRect(): { right: number } } }).parentElement.getBoundingClientRect(); return r.right <= cell.right + 1; }));
    expect(fits).toBe(true);
    // The type filter names each type in words too.
    expect(await page.getByLabel('Event type').locator('option[value="auth.signed_in"]').textContent()).toMatch(/^Signed in · auth\.signed_in \(\d+\)$/);

    const officer = facets.body.value.actors.find((a) => a.name === 'Olivia Ortega')!;
    await page.getByLabel('Event type').selectOption('');
    await page.getByLabel('Actor').selectOption(officer.id!);
    await expect.poll(async () => new Set(await cells(page, 3))).toEqual(new Set(['Olivia Ortega']));

    await page.getByRole('button', { name: 'Clear filters' }).click();
    const caseEvent = await rpc<AuditEvent[]>(server.url, 'audit.list', { type: 'case.status_changed', limit: 1 }, auditorToken);
    if (!caseEvent.body.ok) throw new Error('list');
    const caseId = caseEvent.body.value[0]!.caseId!;
    // The eight characters the Case column shows are enough to filter on.
    await page.getByLabel('Case ID').fill(caseId.slice(0, 8));
    await expect.poll(async () => new Set(await page.locator('.audit-row .audit-cells a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))))).toEqual(new Set([`#/case/${caseId}`]));
    // A filtered list does not end with "Start of the log": the log goes on, these filters match nothing older.
    await expect.poll(() => page.locator('.audit-foot').textContent()).toBe('No older event matches these filters.');

    // A day range: every row shown happened on that (local) day.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    const oldest = await rpc<AuditEvent[]>(server.url, 'audit.list', { limit: 1, beforeSeq: 40 }, auditorToken);
    if (!oldest.body.ok) throw new Error('list');
    const day = await page.evaluate((at) => {
      const d = new Date(at);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    }, oldest.body.value[0]!.at);
    await page.getByLabel('From', { exact: true }).fill(day);
    await page.getByLabel('To', { exact: true }).fill(day);
    await expect.poll(async () => {
      const times = await page.locator('.audit-row time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime') ?? ''));
      return times.length > 0 && (await page.evaluate(({ ts, d }) => ts.every((x) => {
        const t = new Date(x);
        return `${t.getFullYear()}-${String(t.getMonth() + 1).padStart(2, '0')}-${String(t.getDate()).padStart(2, '0')}` === d;
      }), { ts: times, d: day }));
    }).toBe(true);
    await page.getByRole('button', { name: 'Clear filters' }).click();

    // Details open from the keyboard.
    const toggle = page.getByRole('button', { name: `Show details of event #${first[0]}` });
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.audit-details').first().textContent()).toContain('Previous hash');
    await page.screenshot({ path: join(artifacts, 'e2e-audit-log.png') });
    await page.close();
  });

  it('verify shows the head hash; after a row is changed in SQLite, op, CLI and viewer name that row', async () => {
    const page = await signedIn('auditor@demo.kyc');
    const intact = await rpc<ChainVerification>(server.url, 'audit.verify', {}, auditorToken);
    if (!intact.body.ok) throw new Error('verify');
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await expect.poll(() => page.getByTestId('head-hash').textContent()).toBe(intact.body.value.headHash);
    await expect(page.locator('.chain-ok').textContent()).resolves.toContain(`${intact.body.value.checked} events verified`);

    // Someone with the database file rewrites who did something.
    const target = Math.floor(intact.body.value.checked / 3);
    const db = await openStoreFile(dataDir, { readonly: false });
    db.pragma('busy_timeout = 5000');
    db.exec('DROP TRIGGER audit_events_no_update');
    db.prepare("UPDATE audit_events SET actor_name = 'Nobody' WHERE seq = ?").run(target);
    db.close();

    const broken = await rpc<ChainVerification>(server.url, 'audit.verify', {}, auditorToken);
    expect(broken.body.ok && broken.body.value.firstBroken).toEqual({ seq: target, code: 'ROW_HASH_MISMATCH', problem: 'row content does not match its hash' });
    const cli = spawnSync('npx', ['tsx', 'electron/service/cli/auditVerify.ts', '--data', dataDir], { cwd: root, encoding: 'utf8' });
    expect(cli.status).toBe(1);
    expect(cli.stdout).toContain(`BROKEN at event #${target}`);

    await page.getByRole('button', { name: 'Verify chain' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain(`Chain broken at event #${target}: its content does not match its hash`);
    const row = page.locator(`.audit-row.tampered[data-seq="${target}"]`);
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('Nobody');
    await expect(row.locator('.audit-details').textContent()).resolves.toContain('Payload hash');
    await page.screenshot({ path: join(artifacts, 'e2e-audit-tampered.png') });
    await page.close();
  });

  it('shows the retention tab to an admin, with the legal hold, in Chinese too', async () => {
    const page = await signedIn('admin@demo.kyc');
    await page.getByRole('tab', { name: 'Retention' }).click();
    await expect.poll(() => page.locator('.retention').textContent()).toContain('Regulator inquiry 2026/12');
    await expect(page.locator('.retention .hint').textContent()).resolves.toContain('5 years after closing');

    // Erasure of a case under review is refused with its code; of a case never submitted, done.
    const admin = await tokenFor(server.url, 'admin@demo.kyc', DEMO_PASSWORD);
    const pick = async (statuses: string[]) => {
      const r = await rpc<QueuePage>(server.url, 'cases.list', { statuses, limit: 5 }, admin);
      if (!r.body.ok || !r.body.value.rows[0]) throw new Error(`no demo case in ${statuses.join(',')}`);
      return r.body.value.rows[0].id;
    };
    const reviewing = await pick(['IN_REVIEW', 'SUBMITTED']);
    const unsubmitted = await pick(['NOT_STARTED', 'IN_PROGRESS']);
    const form = page.locator('.retention-form').filter({ hasText: 'Record an erasure request' });
    for (const [id, ref] of [[reviewing, 'Letter 2026-311'], [unsubmitted, 'Letter 2026-312']] as const) {
      await form.getByLabel('Case ID').fill(id);
      await form.getByLabel('Reason').fill(ref);
      await form.getByRole('button', { name: 'Record request' }).click();
      await expect.poll(() => page.locator('.retention').textContent()).toContain(ref);
    }
    const item = (ref: string) => page.locator('.retention-list li').filter({ hasText: ref });
    await item('Letter 2026-311').getByRole('button', { name: 'Execute' }).click();
    const refused = page.locator('.toast').first();
    await expect.poll(() => refused.textContent()).toContain('RETENTION.0003');
    // The code's meaning heads the service's own message, in the UI's language.
    expect(await refused.locator('.toast-title').textContent()).toBe('The case is still open.');
    await page.getByLabel('Language').selectOption('zh-CN');
    expect(await refused.locator('.toast-title').textContent()).toBe('案件仍在处理中。');
    await page.getByLabel('语言').selectOption('en');
    await expect.poll(() => item('Letter 2026-311').textContent()).toContain('Refused');
    await item('Letter 2026-312').getByRole('button', { name: 'Execute' }).click();
    await expect.poll(() => item('Letter 2026-312').textContent()).toContain('Executed');
    await expect.poll(() => page.locator('.retention').textContent()).toContain('The case was erased.');
    const tombs = page.locator('.retention-table').last();
    await expect.poll(() => tombs.textContent()).toContain(unsubmitted.slice(0, 8));
    await page.screenshot({ path: join(artifacts, 'e2e-audit-retention.png'), fullPage: true });

    await page.getByLabel('Language').selectOption('zh-CN');
    await expect.poll(() => page.locator('.retention .hint').textContent()).toContain('结案 5 年后清除');
    await page.getByRole('tab', { name: '事件' }).click();
    await page.locator('.audit-row').first().waitFor();
    await page.screenshot({ path: join(artifacts, 'e2e-audit-log-zh.png') });
    await page.close();
  });
});
