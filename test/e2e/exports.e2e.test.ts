import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/tempService';
import { startServe, type RunningServer } from '../helpers/serveProcess';
import { chromiumAvailable, launchChromium } from '../helpers/chromium';
import { signInPage } from '../helpers/signInPage';
import { rpc, tokenFor } from '../helpers/rpc';
import { DEMO_PASSWORD } from '../../electron/service/demo/demoAccounts';
import { ErrorCode } from '../../shared/errorCodes';
import type { QueuePage } from '../../shared/schemas/case';
import type { ExportJob } from '../../shared/schemas/report';
import { sha256Of } from '../../electron/service/reports/writeReportFile';

const artifacts = join(import.meta.dirname, '../../test-artifacts');

describe.skipIf(!chromiumAvailable)('audit exports in real Chromium: case PDF, batch zip, refusals', () => {
  let server: RunningServer;
  let browser: Browser;
  const downloads = makeTempDir('kyc-e2e-downloads-');

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    server = await startServe(['--data', makeTempDir('kyc-e2e-exports-'), '--demo', '--no-analysis']);
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signedIn(email: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    await signInPage(page, server.url, email);
    return page;
  }

  it('an auditor downloads a case report from the case page', async () => {
    const auditor = await tokenFor(server.url, 'auditor@demo.kyc', DEMO_PASSWORD);
    const approved = await rpc<QueuePage>(server.url, 'cases.list', { statuses: ['APPROVED'], limit: 1 }, auditor);
    if (!approved.body.ok) throw new Error('cases.list');
    const c = approved.body.value.rows[0]!;
    const page = await signedIn('auditor@demo.kyc');
    await page.goto(`${server.url}/#/case/${c.id}`);
    const button = page.getByRole('button', { name: 'Download PDF' });
    await button.waitFor();
    await page.screenshot({ path: join(artifacts, 'case-download-pdf.png') });
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toMatch(/^kyc-report-.+\.pdf$/);
    const file = join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain(c.displayName);
    expect(text).toContain('Audit events');
    expect(text).toMatch(/Exported by Ada Achebe \(auditor\)/);
    // The export is in the audit trail with the downloaded file's own hash.
    const events = await rpc<{ type: string; payload: { sha256?: string } }[]>(server.url, 'audit.list', { caseId: c.id, type: 'report.exported' }, auditor);
    expect(events.body.ok && events.body.value.map((e) => e.payload.sha256)).toContain(sha256Of(bytes));
    // The page says the file's hash, and saves the .sha256 file every page of the report points to:
    // `sha256sum -c` accepts it beside the PDF.
    const saved = page.getByRole('dialog', { name: 'PDF saved' });
    await saved.waitFor();
    expect(await saved.getByTestId('pdf-sha256').textContent()).toBe(sha256Of(bytes));
    await page.screenshot({ path: join(artifacts, 'case-pdf-saved.png') });
    const [sidecar] = await Promise.all([page.waitForEvent('download'), saved.getByRole('button', { name: 'Save the .sha256 file' }).click()]);
    expect(sidecar.suggestedFilename()).toBe(`${download.suggestedFilename()}.sha256`);
    await sidecar.saveAs(`${file}.sha256`);
    expect(execFileSync('sha256sum', ['-c', `${download.suggestedFilename()}.sha256`], { cwd: downloads, encoding: 'utf8' })).toContain(': OK');
    await saved.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => saved.count()).toBe(0);
    await page.close();
  }, 120_000);

  it('an auditor runs a batch export, watches it finish and downloads a zip whose manifest matches', async () => {
    const page = await signedIn('auditor@demo.kyc');
    await page.getByRole('link', { name: 'Exports' }).click();
    await page.getByRole('heading', { name: 'Audit exports' }).waitFor();
    await page.getByText('No exports yet').waitFor();
    await page.getByLabel('From').fill('2000-01-01');
    await page.getByLabel('To').fill('2099-12-31');
    await page.getByRole('button', { name: 'Start export' }).click();
    const row = page.locator('tr[data-export-id]').first();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 90_000 }).toBe('succeeded');
    await page.screenshot({ path: join(artifacts, 'exports-page.png'), fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: 'Download zip' }).click()]);
    const file = join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    const entries = unzipSync(readFileSync(file));
    const manifestName = Object.keys(entries).find((n) => n.endsWith('/manifest.json'))!;
    const root = manifestName.slice(0, -'manifest.json'.length);
    const manifest = JSON.parse(Buffer.from(entries[manifestName]!).toString()) as { caseCount: number; files: { path: string; sha256: string }[] };
    expect(manifest.caseCount).toBeGreaterThan(10);
    for (const f of manifest.files) expect(sha256Of(entries[`${root}${f.path}`]!), f.path).toBe(f.sha256);
    // The zip is the one the job recorded.
    const id = (await row.getAttribute('data-export-id'))!;
    const auditor = await tokenFor(server.url, 'auditor@demo.kyc', DEMO_PASSWORD);
    const job = await rpc<ExportJob>(server.url, 'reports.getExport', { id }, auditor);
    expect(job.body.ok && job.body.value.outputSha256).toBe(sha256Of(readFileSync(file)));
    await page.close();
  }, 180_000);

  it('a folder export shows where it was written in the page, selectable and copyable, and words its finished count once', async () => {
    const page = await signedIn('auditor@demo.kyc');
    await page.getByRole('link', { name: 'Exports' }).click();
    await page.getByRole('heading', { name: 'Audit exports' }).waitFor();
    await page.getByLabel('From').fill('2000-01-01');
    await page.getByLabel('To').fill('2099-12-31');
    await page.getByLabel('Folder on this workstation').check();
    const before = await page.locator('tr[data-export-id]').count();
    await page.getByRole('button', { name: 'Start export' }).click();
    await expect.poll(() => page.locator('tr[data-export-id]').count()).toBe(before + 1);
    const row = page.locator('tr[data-export-id]').first();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 90_000 }).toBe('succeeded');
    const id = (await row.getAttribute('data-export-id'))!;
    const auditor = await tokenFor(server.url, 'auditor@demo.kyc', DEMO_PASSWORD);
    const job = await rpc<ExportJob>(server.url, 'reports.getExport', { id }, auditor);
    if (!job.body.ok) throw new Error('reports.getExport');
    // Finished: the count once ("N cases"), not "N of N · N cases".
    expect(await row.locator('td').nth(4).textContent()).toBe(`${job.body.value.caseCount} cases`);
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs += 1;
      void d.dismiss();
    });
    await row.getByRole('button', { name: 'Saved on this workstation: show where' }).click();
    const path = row.getByLabel('Folder on this workstation');
    const file = await rpc<{ path: string }>(server.url, 'reports.exportFile', { id }, auditor);
    if (!file.body.ok) throw new Error('reports.exportFile');
    await expect.poll(() => path.textContent()).toBe(file.body.value.path);
    expect(existsSync(file.body.value.path)).toBe(true);
    expect(await path.evaluate((el) => el.ownerDocument.activeElement === el)).toBe(true);
    expect(dialogs).toBe(0);
    await page.screenshot({ path: join(artifacts, 'exports-folder-path.png'), fullPage: true });
    await page.close();
  }, 180_000);

  it('shows the page in Simplified Chinese', async () => {
    const page = await signedIn('admin@demo.kyc');
    await page.goto(`${server.url}/#/exports`);
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('heading', { name: '审计导出' }).waitFor();
    await page.locator('tr[data-export-id]').first().waitFor();
    await page.screenshot({ path: join(artifacts, 'exports-page-zh.png'), fullPage: true });
    await page.close();
  }, 60_000);

  it('refuses branch staff and officers, and guards the download route', async () => {
    const auditor = await tokenFor(server.url, 'auditor@demo.kyc', DEMO_PASSWORD);
    const list = await rpc<ExportJob[]>(server.url, 'reports.listExports', {}, auditor);
    if (!list.body.ok) throw new Error('listExports');
    const id = list.body.value.find((j) => j.format === 'zip')!.id;
    for (const email of ['branch@demo.kyc', 'officer@demo.kyc']) {
      const token = await tokenFor(server.url, email, DEMO_PASSWORD);
      const start = await rpc(server.url, 'reports.startExport', { filters: { from: '2000-01-01', to: '2099-12-31' } }, token);
      expect(start.status).toBe(403);
      const dl = await fetch(`${server.url}/exports/${id}/download`, { headers: { authorization: `Bearer ${token}` } });
      expect(dl.status).toBe(403);
      expect(((await dl.json()) as { error: { code: string } }).error.code).toBe(ErrorCode.FORBIDDEN);
    }
    const staff = await tokenFor(server.url, 'branch@demo.kyc', DEMO_PASSWORD);
    const pdf = await rpc(server.url, 'reports.casePdf', { caseId: 'x' }, staff);
    expect(pdf.status).toBe(403);
    expect((await fetch(`${server.url}/exports/${id}/download`)).status).toBe(401);
    const ok = await fetch(`${server.url}/exports/${id}/download`, { headers: { authorization: `Bearer ${auditor}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/zip');
    // Branch staff do not see the Exports section at all.
    const page = await signedIn('branch@demo.kyc');
    await expect(page.getByRole('link', { name: 'Exports' }).count()).resolves.toBe(0);
    await page.close();
  }, 120_000);
});
