import { readFileSync } from 'node:fs';
import { readSecret } from './readSecret';

/** The backup passphrase: a file's first line, else KYC_BACKUP_PASSPHRASE, else a silent prompt; null when none can be had. */
export async function backupPassphrase(file: string | undefined, confirm: boolean): Promise<string | null> {
  if (file) return readFileSync(file, 'utf8').split(/\r?\n/)[0] ?? '';
  if (process.env.KYC_BACKUP_PASSPHRASE) return process.env.KYC_BACKUP_PASSPHRASE;
  if (!process.stdin.isTTY) return null;
  const first = await readSecret('Backup passphrase: ');
  // A typo here would make the backup unrecoverable: asked twice when it is being set.
  if (confirm && (await readSecret('Repeat it: ')) !== first) return null;
  return first;
}
