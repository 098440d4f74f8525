import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { restoreBackup } from '../backup/restoreBackup';
import { ServiceFailure } from '../core/ServiceFailure';
import { backupPassphrase } from './backupPassphrase';

const USAGE = `Usage: npm run restore -- --file FILE --data NEW_DIR [--passphrase-file F]
  Restores into a new (or empty) folder, only if the whole file authenticates, every file matches
  its hash and the audit chain verifies to the head recorded at backup time.`;

/** `npm run restore`: exit 0 restored, 1 refused, 2 usage. */
async function main(): Promise<number> {
  let values: { file?: string | undefined; data?: string | undefined; 'passphrase-file'?: string | undefined };
  try {
    ({ values } = parseArgs({ options: { file: { type: 'string' }, data: { type: 'string' }, 'passphrase-file': { type: 'string' } }, strict: true }));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
    return 2;
  }
  if (!values.file || !values.data) {
    process.stderr.write(`--file and --data are required\n${USAGE}\n`);
    return 2;
  }
  const passphrase = await backupPassphrase(values['passphrase-file'], false);
  if (passphrase === null) {
    process.stderr.write(`the backup's passphrase is needed\n${USAGE}\n`);
    return 2;
  }
  try {
    const m = await restoreBackup({ file: resolve(values.file), dataDir: resolve(values.data), passphrase });
    process.stdout.write(`restored into ${resolve(values.data)}: backup of ${m.createdAt}, schema ${m.schemaVersion}, audit chain verified (${m.auditEvents} events, head ${m.auditHead ?? '(empty)'}), ${m.files.length - 1} evidence files\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`${e instanceof ServiceFailure ? `${e.code}: ${e.message}` : `restore failed: ${e instanceof Error ? e.message : String(e)}`}\n`);
    return 1;
  }
}

main().then((code) => (process.exitCode = code));
