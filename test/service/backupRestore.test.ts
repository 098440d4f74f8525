import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KycService } from '../../electron/service/KycService';
import { writeBackup } from '../../electron/service/backup/writeBackup';
import { restoreBackup } from '../../electron/service/backup/restoreBackup';
import { ErrorCode } from '../../shared/errorCodes';
import { caseAt } from '../helpers/caseSetup';
import { makeTempDir, openTempService } from '../helpers/tempService';
import { keysBeside } from '../helpers/testKeys';
import { asyncRefusal } from '../helpers/refusal';

const root = join(import.meta.dirname, '../..');
const PASSPHRASE = 'branch-safe-passphrase-2026';


describe('backup and restore', () => {
  it('backs up online while the store is in use, encrypted; restores into a new folder that verifies and opens', async () => {
    const t = openTempService();
    const staff = await t.signInAs('branch_staff');
    const officer = await t.signInAs('officer');
    const { caseId } = await caseAt(t, staff, officer, 'IN_REVIEW');
    const evidence = t.service.deps.evidenceRows.forCase(caseId)[0]!;
    const out = join(makeTempDir('kyc-backup-out-'), 'branch.kycbackup');
    // The owner keeps the folder (and its lock) while the backup runs.
    const m = await writeBackup({ dataDir: t.dataDir, keys: t.service.deps.keys, out, passphrase: PASSPHRASE });
    expect(m.files.map((f) => f.name)).toEqual(['kyc.sqlite', `evidence/${evidence.sha256.slice(0, 2)}/${evidence.sha256.slice(2, 4)}/${evidence.sha256}`]);
    expect(m.auditHead).toMatch(/^[0-9a-f]{64}$/);
    // Encrypted: no name, no e-mail, no image bytes in the clear.
    const raw = readFileSync(out);
    expect(raw.includes(Buffer.from('Valentina'))).toBe(false);
    expect(raw.includes(Buffer.from('SQLite format 3'))).toBe(false);
    expect(raw.includes(t.service.deps.evidenceFiles.get(evidence.sha256).subarray(0, 64))).toBe(false);
    // Work goes on after the snapshot; the backup holds the state at its start.
    await t.signInAs('auditor');

    const target = join(makeTempDir('kyc-restore-'), 'restored');
    const restored = await restoreBackup({ file: out, dataDir: target, passphrase: PASSPHRASE, keys: keysBeside(target) });
    expect(restored.auditHead).toBe(m.auditHead);
    const verify = spawnSync('npx', ['tsx', 'electron/service/cli/auditVerify.ts', '--data', target], { cwd: root, encoding: 'utf8' });
    expect(verify.status).toBe(0);
    expect(verify.stdout).toContain(`head ${m.auditHead}`);
    const s = KycService.open({ dataDir: target, keys: keysBeside(target) });
    try {
      expect(s.deps.cases.byId(caseId)?.status).toBe('IN_REVIEW');
      expect(s.deps.evidenceFiles.get(evidence.sha256).equals(t.service.deps.evidenceFiles.get(evidence.sha256))).toBe(true);
      expect(s.deps.operators.list().some((o) => o.role === 'auditor')).toBe(false);
    } finally {
      s.close();
      t.cleanup();
    }
  }, 120_000);

  it('refuses a wrong passphrase, a changed byte, a cut-short file and a folder in use, leaving nothing behind', async () => {
    const t = openTempService();
    await t.signInAs('admin');
    const dir = makeTempDir('kyc-backup-out-');
    const out = join(dir, 'b.kycbackup');
    await writeBackup({ dataDir: t.dataDir, keys: t.service.deps.keys, out, passphrase: PASSPHRASE });
    expect(await asyncRefusal(writeBackup({ dataDir: t.dataDir, keys: t.service.deps.keys, out: join(dir, 'weak'), passphrase: 'short' }))).toMatchObject({ code: ErrorCode.INVALID_INPUT, field: 'passphrase' });
    expect(existsSync(join(dir, 'weak'))).toBe(false);
    t.cleanup();
    const target = join(makeTempDir('kyc-restore-'), 'r');
    // A wrong passphrase is said as such: its garbage fails to parse before the tag is checked, but the tag decides.
    expect(await asyncRefusal(restoreBackup({ file: out, dataDir: target, passphrase: 'not-the-passphrase', keys: keysBeside(target) }))).toMatchObject({ code: ErrorCode.BACKUP_INVALID, message: 'the backup cannot be restored: the passphrase is wrong, or the file was changed' });
    expect(await asyncRefusal(restoreBackup({ file: join(dir, 'missing'), dataDir: target, passphrase: PASSPHRASE, keys: keysBeside(target) }))).toMatchObject({ code: ErrorCode.BACKUP_INVALID, field: 'file' });
    const bytes = readFileSync(out);
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(bytes.length / 2)]! ^= 1;
    writeFileSync(join(dir, 'flipped'), flipped);
    expect((await asyncRefusal(restoreBackup({ file: join(dir, 'flipped'), dataDir: target, passphrase: PASSPHRASE, keys: keysBeside(target) }))).message).toContain('changed');
    writeFileSync(join(dir, 'short'), bytes.subarray(0, bytes.length - 100));
    expect((await asyncRefusal(restoreBackup({ file: join(dir, 'short'), dataDir: target, passphrase: PASSPHRASE, keys: keysBeside(target) }))).code).toBe(ErrorCode.BACKUP_INVALID);
    writeFileSync(join(dir, 'junk'), 'hello');
    expect((await asyncRefusal(restoreBackup({ file: join(dir, 'junk'), dataDir: target, passphrase: PASSPHRASE, keys: keysBeside(target) }))).code).toBe(ErrorCode.BACKUP_INVALID);
    expect(existsSync(target)).toBe(false);
    mkdirSync(target);
    writeFileSync(join(target, 'x'), 'someone else');
    expect((await asyncRefusal(restoreBackup({ file: out, dataDir: target, passphrase: PASSPHRASE, keys: keysBeside(target) }))).code).toBe(ErrorCode.BACKUP_TARGET);
  }, 120_000);

  it('runs from the command line with the passphrase from the environment', () => {
    const t = openTempService();
    const out = join(makeTempDir('kyc-backup-cli-'), 'cli.kycbackup');
    const target = join(makeTempDir('kyc-restore-cli-'), 'r');
    const env = { ...process.env, KYC_BACKUP_PASSPHRASE: PASSPHRASE };
    const b = spawnSync('npx', ['tsx', 'electron/service/cli/backup.ts', '--data', t.dataDir, '--out', out], { cwd: root, encoding: 'utf8', env });
    expect(b.stderr).toBe('');
    expect(b.status).toBe(0);
    expect(b.stdout).toMatch(/^backup written: .*cli\.kycbackup \(schema \d+, \d+ audit events, head [0-9a-f]{64}, 0 evidence files\)/);
    const r = spawnSync('npx', ['tsx', 'electron/service/cli/restore.ts', '--file', out, '--data', target], { cwd: root, encoding: 'utf8', env });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('audit chain verified');
    const none = spawnSync('npx', ['tsx', 'electron/service/cli/restore.ts', '--file', out, '--data', join(target, 'again')], { cwd: root, encoding: 'utf8', env: { ...process.env, KYC_BACKUP_PASSPHRASE: '' } });
    expect(none.status).toBe(2);
    // A refused restore leaves no key file of its own beside the folder it did not make.
    const wrong = join(dirname(target), 'wrong');
    const refused = spawnSync('npx', ['tsx', 'electron/service/cli/restore.ts', '--file', out, '--data', wrong], { cwd: root, encoding: 'utf8', env: { ...env, KYC_BACKUP_PASSPHRASE: 'not-the-passphrase', KYC_DATA_PASSPHRASE: '', KYC_DATA_KEY_FILE: '' } });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('BACKUP.0001: the backup cannot be restored: the passphrase is wrong, or the file was changed');
    expect(readdirSync(dirname(target)).sort()).toEqual(['r', 'r.key']);
    t.cleanup();
  }, 120_000);
});
