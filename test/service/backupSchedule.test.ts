import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { restoreBackup } from '../../electron/service/backup/restoreBackup';
import { AdjustableClock } from '../../electron/service/core/AdjustableClock';
import { ErrorCode } from '../../shared/errorCodes';
import { makeTempDir, openTempService } from '../helpers/tempService';
import { keysBeside } from '../helpers/testKeys';

const PASSPHRASE = 'scheduled-backup-passphrase';

describe('scheduled local backups (admin setting)', () => {
  it('writes an encrypted backup a day into the chosen folder, keeps the newest N, audits each run, and never shows the passphrase', async () => {
    const clock = new AdjustableClock();
    const t = openTempService({ clock: clock.now });
    try {
      const admin = await t.signInAs('admin');
      const dir = makeTempDir('kyc-backups-');
      expect(await t.service.call('backup.configure', { enabled: true, dir, keep: 2 }, admin)).toMatchObject({ ok: false, error: { field: 'passphrase' } });
      expect(await t.service.call('backup.configure', { enabled: true, dir: 'relative/folder', keep: 2, passphrase: PASSPHRASE }, admin)).toMatchObject({ ok: false, error: { code: ErrorCode.INVALID_INPUT, field: 'dir' } });
      const configured = await t.service.call('backup.configure', { enabled: true, dir, keep: 2, passphrase: PASSPHRASE }, admin);
      expect(configured).toEqual({ ok: true, value: { enabled: true, dir, keep: 2, passphraseSet: true, lastRun: null } });
      // Sealed at rest, never in the settings table in the clear, nor in the audit trail.
      const dump = readFileSync(join(t.dataDir, 'kyc.sqlite')).toString('latin1');
      expect(dump.includes(PASSPHRASE)).toBe(false);

      for (let day = 0; day < 3; day++) {
        clock.pin(new Date(Date.UTC(2026, 11, 5 + day, 1, 0, 0)));
        const run = await t.service.deps.backups.runIfEnabled();
        expect(run).toMatchObject({ ok: true, error: null });
      }
      // Days passed: the morning's session idled out long ago.
      const admin2 = await t.signInAs('admin');
      const files = readdirSync(dir).sort();
      expect(files).toEqual(['kyc-backup-20261206-010000.kycbackup', 'kyc-backup-20261207-010000.kycbackup']);
      const status = await t.service.call('backup.status', {}, admin2);
      expect(status).toMatchObject({ ok: true, value: { passphraseSet: true, lastRun: { ok: true, file: 'kyc-backup-20261207-010000.kycbackup' } } });
      expect(JSON.stringify(status)).not.toContain(PASSPHRASE);
      const audit = t.service.deps.db.prepare("SELECT count(*) AS n FROM audit_events WHERE type = 'backup.written'").get() as { n: number };
      expect(audit.n).toBe(3);
      // What it wrote restores.
      const restoredDir = join(makeTempDir('kyc-restore-'), 'r');
      const m = await restoreBackup({ file: join(dir, files[1]!), dataDir: restoredDir, passphrase: PASSPHRASE, keys: keysBeside(restoredDir) });
      expect(m.auditHead).toMatch(/^[0-9a-f]{64}$/);

      // Turned off: the daily run does nothing; an admin can still run one now.
      expect((await t.service.call('backup.configure', { enabled: false, dir, keep: 2 }, admin2)).ok).toBe(true);
      expect(await t.service.deps.backups.runIfEnabled()).toBeNull();
      clock.pin(new Date(Date.UTC(2026, 11, 9, 1, 0, 0)));
      const admin3 = await t.signInAs('admin');
      expect(await t.service.call('backup.runNow', {}, admin3)).toMatchObject({ ok: true, value: { ok: true, file: 'kyc-backup-20261209-010000.kycbackup' } });
      const officer = await t.signInAs('officer');
      expect(await t.service.call('backup.status', {}, officer)).toMatchObject({ ok: false, error: { code: ErrorCode.FORBIDDEN } });
    } finally {
      clock.pin(null);
      t.cleanup();
    }
  }, 120_000);

  it('refuses, when saved, a folder that cannot take a backup, saying why', async () => {
    const t = openTempService();
    try {
      const admin = await t.signInAs('admin');
      const missing = join(makeTempDir('kyc-backups-'), 'not-mounted');
      const refused = await t.service.call('backup.configure', { enabled: true, dir: missing, keep: 3, passphrase: PASSPHRASE }, admin);
      expect(refused).toMatchObject({ ok: false, error: { code: ErrorCode.INVALID_INPUT, field: 'dir', message: `the folder ${missing} does not exist: create it, or check that its drive is mounted (ENOENT)` } });
      // Not created behind the admin's back (a drive that is not mounted would fill the local disk).
      expect(existsSync(missing)).toBe(false);
      const file = join(makeTempDir('kyc-backups-'), 'a-file');
      writeFileSync(file, 'x');
      expect(await t.service.call('backup.configure', { enabled: true, dir: file, keep: 3, passphrase: PASSPHRASE }, admin)).toMatchObject({ ok: false, error: { field: 'dir', message: `${file} is a file, not a folder` } });
      // Nothing was saved by the refusals.
      expect(await t.service.call('backup.status', {}, admin)).toMatchObject({ ok: true, value: { dir: null, passphraseSet: false } });
    } finally {
      t.cleanup();
    }
  });

  it('records a failed run (the folder gone since it was saved) in words, and keeps serving', async () => {
    const t = openTempService();
    try {
      const admin = await t.signInAs('admin');
      const dir = makeTempDir('kyc-backups-');
      expect((await t.service.call('backup.configure', { enabled: true, dir, keep: 3, passphrase: PASSPHRASE }, admin)).ok).toBe(true);
      rmSync(dir, { recursive: true });
      const run = await t.service.call('backup.runNow', {}, admin);
      expect(run).toMatchObject({ ok: true, value: { ok: false, file: null, error: `the folder ${dir} does not exist: create it, or check that its drive is mounted (ENOENT)` } });
      const failed = t.service.deps.db.prepare("SELECT count(*) AS n FROM audit_events WHERE type = 'backup.failed'").get() as { n: number };
      expect(failed.n).toBe(1);
      expect((await t.service.call('backup.status', {}, admin)).ok).toBe(true);
    } finally {
      t.cleanup();
    }
  });
});
