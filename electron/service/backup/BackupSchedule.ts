import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { backupScheduleSchema, backupRunSchema, type BackupSchedule as Schedule } from '../../../shared/contracts/backupContract';
import type { z } from 'zod';
import { ErrorCode } from '../../../shared/errorCodes';
import type { Db } from '../db/openDatabase';
import type { Clock } from '../core/Clock';
import type { Logger } from '../core/Logger';
import type { AuditLog } from '../audit/AuditLog';
import type { SettingsRepository } from '../repositories/SettingsRepository';
import type { SecretKeyProvider } from '../sync/secretBox';
import { DAY_MS, RepeatingTimer } from '../core/repeatingTimer';
import { ServiceFailure } from '../core/ServiceFailure';
import { openSecret, sealSecret } from '../sync/secretBox';
import { writeBackup } from './writeBackup';
import { backupFolderProblem, fsProblem } from './backupFolder';
import type { DataKeys } from '../crypto/DataKeys';
import { SYSTEM_ACTOR_NAMES } from '../../../shared/systemActors';

type Run = z.infer<typeof backupRunSchema>;

/** Settings keys: the schedule, the sealed passphrase (never read back out), the last run. */
const SCHEDULE_KEY = 'backupSchedule';
const SECRET_KEY = 'backupPassphraseSealed';
const LAST_RUN_KEY = 'backupLastRun';
const FILE = /^kyc-backup-\d{8}-\d{6}\.kycbackup$/;
const FIRST_RUN_DELAY_MS = 5 * 60_000;
export const BACKUP_ACTOR = { id: null, name: SYSTEM_ACTOR_NAMES.backup } as const;

const DEFAULT_SCHEDULE: Schedule = { enabled: false, dir: null, keep: 7 };

/**
 * Daily encrypted backups of the store into a local folder an admin chose (another disk, a
 * mounted share), keeping the newest `keep`. Each run, scheduled or asked for, is audited with
 * the file name and the audit head it captured; a failure is audited too and retried the next
 * day. The passphrase is sealed with the data folder's secret key, like connector secrets.
 */
export class BackupSchedule {
  private readonly timer: RepeatingTimer;

  constructor(
    private readonly deps: { db: Db; settings: SettingsRepository; audit: AuditLog; clock: Clock; log: Logger; dataDir: string; secrets: SecretKeyProvider; keys: DataKeys },
    intervalMs = DAY_MS,
  ) {
    this.timer = new RepeatingTimer(() => void this.runIfEnabled(), intervalMs);
  }

  start(firstDelayMs = FIRST_RUN_DELAY_MS): void {
    this.timer.start(firstDelayMs);
  }

  stop(): void {
    this.timer.stop();
  }

  schedule(): Schedule {
    const parsed = backupScheduleSchema.safeParse(this.deps.settings.all()[SCHEDULE_KEY]);
    return parsed.success ? parsed.data : DEFAULT_SCHEDULE;
  }

  lastRun(): Run | null {
    const parsed = backupRunSchema.safeParse(this.deps.settings.all()[LAST_RUN_KEY]);
    return parsed.success ? parsed.data : null;
  }

  passphraseSet(): boolean {
    return typeof this.deps.settings.all()[SECRET_KEY] === 'string';
  }

  /** Saves the schedule (and a new passphrase when given); call inside the caller's transaction. */
  configure(s: Schedule, passphrase: string | undefined): void {
    // Checked when saved, so a folder that cannot take a backup is found now, not at the first nightly run.
    const problem = s.dir === null ? null : backupFolderProblem(s.dir);
    if (problem) throw new ServiceFailure(ErrorCode.INVALID_INPUT, problem, 'dir');
    if (s.enabled && !s.dir) throw new ServiceFailure(ErrorCode.REQUIRED, 'choose a folder before turning daily backups on', 'dir');
    if (s.enabled && !passphrase && !this.passphraseSet()) throw new ServiceFailure(ErrorCode.REQUIRED, 'set a passphrase before turning daily backups on', 'passphrase');
    this.deps.settings.set(SCHEDULE_KEY, s);
    if (passphrase) this.deps.settings.set(SECRET_KEY, sealSecret(this.deps.secrets.key(), passphrase).toString('base64'));
  }

  async runIfEnabled(): Promise<Run | null> {
    if (!this.deps.db.open || !this.schedule().enabled) return null;
    return this.runNow(BACKUP_ACTOR);
  }

  /** One backup now, audited as `actor`; never throws (the outcome says what happened). */
  async runNow(actor: { id: string | null; name: string }): Promise<Run> {
    const s = this.schedule();
    const now = this.deps.clock();
    const name = `kyc-backup-${now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}.kycbackup`;
    let run: Run;
    try {
      if (!s.dir) throw new ServiceFailure(ErrorCode.REQUIRED, 'no backup folder is set', 'dir');
      const sealed = this.deps.settings.all()[SECRET_KEY];
      if (typeof sealed !== 'string') throw new ServiceFailure(ErrorCode.REQUIRED, 'no backup passphrase is set', 'passphrase');
      const passphrase = openSecret(this.deps.secrets.key(), Buffer.from(sealed, 'base64'));
      const m = await writeBackup({ dataDir: this.deps.dataDir, keys: this.deps.keys, out: join(s.dir, name), passphrase, now });
      const old = readdirSync(s.dir).filter((f) => FILE.test(f)).sort().reverse().slice(s.keep);
      for (const f of old) rmSync(join(s.dir, f), { force: true });
      run = { at: now.toISOString(), ok: true, file: name, error: null };
      this.deps.db.transaction(() => {
        this.deps.settings.set(LAST_RUN_KEY, run);
        this.deps.audit.append({ at: now.toISOString(), actor, type: 'backup.written', payload: { file: name, auditHead: m.auditHead, auditEvents: m.auditEvents, evidenceFiles: m.files.length - 1, removedOld: old.length } });
      })();
      this.deps.log.info('backup.written', { evidenceFiles: m.files.length - 1, removedOld: old.length });
    } catch (e) {
      const error = e instanceof ServiceFailure ? e.message : s.dir && (e as NodeJS.ErrnoException | null)?.code ? fsProblem(e, s.dir) : e instanceof Error ? `${e.name}: failed` : 'failed';
      run = { at: now.toISOString(), ok: false, file: null, error };
      if (this.deps.db.open) {
        this.deps.db.transaction(() => {
          this.deps.settings.set(LAST_RUN_KEY, run);
          this.deps.audit.append({ at: now.toISOString(), actor, type: 'backup.failed', payload: { error } });
        })();
      }
      this.deps.log.error('backup.failed', { error });
    }
    return run;
  }
}
