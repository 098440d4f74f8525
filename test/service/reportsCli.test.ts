import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, openTempService, type TempService } from '../helpers/tempService';
import { reportCase } from '../helpers/reportCase';
import { sha256Of } from '../../electron/service/reports/writeReportFile';
import { KycService } from '../../electron/service/KycService';

const root = join(import.meta.dirname, '../..');

function cli(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(root, 'electron/service/cli/exportCase.ts'), ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
}

describe('exportCase command line', () => {
  let t: TempService;
  let caseId: string;
  const emails = { auditor: '', staff: '' };
  const out = makeTempDir('kyc-cli-out-');

  beforeAll(async () => {
    t = openTempService();
    caseId = (await reportCase(t)).caseId;
    const ops = t.service.deps.operators.list();
    emails.auditor = ops.find((o) => o.role === 'auditor')!.email;
    emails.staff = ops.find((o) => o.role === 'branch_staff')!.email;
    // The command opens the store itself.
    t.service.close();
  }, 60_000);
  afterAll(() => {
    rmSync(t.dataDir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  it('writes the report and its sidecar as an auditor, and audits it', () => {
    const r = cli(['--data', t.dataDir, '--as', emails.auditor, '--case', caseId, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const [sha256, path] = r.stdout.trim().split(/\s+/);
    const pdf = readFileSync(path!);
    expect(sha256Of(pdf)).toBe(sha256);
    expect(readFileSync(`${path}.sha256`, 'utf8')).toBe(`${sha256}  ${path!.split('/').pop()}\n`);
    const s = KycService.open({ dataDir: t.dataDir });
    try {
      const e = s.deps.auditRows.forCase(caseId).filter((x) => x.type === 'report.exported');
      expect(e.map((x) => x.payload)).toEqual([expect.objectContaining({ sha256, via: 'cli' })]);
      expect(s.deps.audit.verify().valid).toBe(true);
    } finally {
      s.close();
    }
  }, 120_000);

  it('refuses branch staff (exit 2) and reports an unknown case (exit 1)', () => {
    const staff = cli(['--data', t.dataDir, '--as', emails.staff, '--case', caseId]);
    expect(staff.status).toBe(2);
    expect(staff.stderr).toContain('is not an active senior officer, auditor or admin');
    const unknown = cli(['--data', t.dataDir, '--as', emails.auditor, '--case', 'no-such-case']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('no-such-case: no such case');
    expect(cli(['--data', t.dataDir]).status).toBe(2);
  }, 120_000);
});
