import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, openTempService, TEST_PASSWORD, type TempService } from '../helpers/tempService';
import { reportCase } from '../helpers/reportCase';
import { sha256Of } from '../../electron/service/reports/writeReportFile';
import { KycService } from '../../electron/service/KycService';
import { testKeys } from '../helpers/testKeys';

const root = join(import.meta.dirname, '../..');

/** The tool as a scheduled task runs it: no terminal, the operator's password in the environment. */
function cli(args: string[], password: string | null = TEST_PASSWORD) {
  const env = { ...process.env };
  delete env.KYC_OPERATOR_PASSWORD;
  if (password !== null) env.KYC_OPERATOR_PASSWORD = password;
  return spawnSync(process.execPath, ['--import', 'tsx', join(root, 'electron/service/cli/exportCase.ts'), ...args], { cwd: root, encoding: 'utf8', timeout: 120_000, env });
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
    const s = KycService.open({ dataDir: t.dataDir, keys: testKeys(t.dataDir) });
    try {
      const e = s.deps.auditRows.forCase(caseId).filter((x) => x.type === 'report.exported');
      expect(e.map((x) => x.payload)).toEqual([expect.objectContaining({ sha256, via: 'export:case' })]);
      // The tool signed in as the auditor, named as the client, and signed out again.
      const auditor = s.deps.operators.credentialsByEmail(emails.auditor)!.operator;
      const events = s.deps.db.prepare('SELECT e.type, p.body FROM audit_events e LEFT JOIN audit_payloads p ON p.seq = e.seq WHERE e.actor_id = ? ORDER BY e.seq').all(auditor.id) as { type: string; body: string | null }[];
      const tail = events.slice(-3).map((x) => [x.type, x.body === null ? null : (JSON.parse(x.body) as { client?: string }).client ?? null]);
      expect(tail).toEqual([
        ['auth.signed_in', 'command line export:case'],
        ['report.exported', null],
        ['auth.signed_out', null],
      ]);
      expect(s.deps.audit.verify().valid).toBe(true);
    } finally {
      s.close();
    }
  }, 120_000);

  it('acts only on the operator\'s password: none (no terminal) or a wrong one is refused before anything is written', () => {
    const none = cli(['--data', t.dataDir, '--as', emails.auditor, '--case', caseId], null);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('needs their password: --password-file FILE, KYC_OPERATOR_PASSWORD, or run it on a terminal');
    const wrong = cli(['--data', t.dataDir, '--as', emails.auditor, '--case', caseId], 'not-the-password');
    // Refused (1), as every maintenance command refuses a wrong password; 2 is for what was not given.
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('AUTH.0004');
    expect(wrong.stdout).toBe('');
  }, 120_000);

  it('refuses branch staff and an unknown case (exit 1) with codes, and a file given as --out (exit 2)', () => {
    const staff = cli(['--data', t.dataDir, '--as', emails.staff, '--case', caseId]);
    expect(staff.status).toBe(1);
    expect(staff.stderr).toContain(`AUTH.0003: ${emails.staff} is not an active senior officer, auditor or admin`);
    const noStore = cli(['--data', join(t.dataDir, 'nothing-here'), '--as', emails.auditor, '--case', caseId]);
    expect(noStore.status).toBe(1);
    expect(noStore.stderr).toContain('SYS.0003: no KYC store at');
    const file = join(t.dataDir, 'not-a-folder.txt');
    writeFileSync(file, 'x');
    const out = cli(['--data', t.dataDir, '--as', emails.auditor, '--case', caseId, '--out', file]);
    expect(out.status).toBe(2);
    expect(out.stderr).toContain(`--out must name a folder: ${file} is a file`);
    expect(out.stderr).not.toContain('EEXIST');
    const unknown = cli(['--data', t.dataDir, '--as', emails.auditor, '--case', 'no-such-case']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('no-such-case: no such case');
    expect(cli(['--data', t.dataDir]).status).toBe(2);
  }, 120_000);
});
