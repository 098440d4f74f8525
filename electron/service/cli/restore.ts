import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { restoreBackup } from '../backup/restoreBackup';
import { ServiceFailure } from '../core/ServiceFailure';
import { backupPassphrase } from './backupPassphrase';
import { resolveKeyWrapper } from '../crypto/resolveKeyWrapper';
import { describeKind } from '../crypto/keyWrappers';
import { helpRequested } from './helpRequested';

const USAGE = `Usage: npm run restore -- --file FILE --data NEW_DIR [--passphrase-file F] [--key-file K]
  Restores into a new (or empty) folder, only if the whole file authenticates, every file matches
  its hash and the audit chain verifies to the head recorded at backup time. The new folder is
  encrypted under a new data key, locked as serve locks a new folder: --key-file K, else
  KYC_DATA_PASSPHRASE, else a key file made beside it (NEW_DIR.key).`;

/** `npm run restore`: exit 0 restored, 1 refused, 2 usage. */
async function main(): Promise<number> {
  if (helpRequested()) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let values: { file?: string | undefined; data?: string | undefined; 'passphrase-file'?: string | undefined; 'key-file'?: string | undefined };
  try {
    ({ values } = parseArgs({ options: { file: { type: 'string' }, data: { type: 'string' }, 'passphrase-file': { type: 'string' }, 'key-file': { type: 'string' } }, strict: true }));
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
  // A key file this run made beside the new folder goes with a failed restore: nothing is left behind.
  let madeKeyFile: string | null = null;
  try {
    const dataDir = resolve(values.data);
    const { wrapper, createdKeyFile } = await resolveKeyWrapper(dataDir, { keyFile: values['key-file'] });
    madeKeyFile = createdKeyFile;
    const m = await restoreBackup({ file: resolve(values.file), dataDir, passphrase, keys: wrapper });
    process.stdout.write(`restored into ${dataDir}: backup of ${m.createdAt}, schema ${m.schemaVersion}, audit chain verified (${m.auditEvents} events, head ${m.auditHead ?? '(empty)'}), ${m.files.length - 1} evidence files\n`);
    process.stdout.write(`encrypted under a new data key, locked by ${describeKind(wrapper.kind)}${wrapper.keyFile ? ` (${wrapper.keyFile}${createdKeyFile ? ', new' : ''})` : ''}\n`);
    return 0;
  } catch (e) {
    if (madeKeyFile) rmSync(madeKeyFile, { force: true });
    process.stderr.write(`${e instanceof ServiceFailure ? `${e.code}: ${e.message}` : `restore failed: ${e instanceof Error ? e.message : String(e)}`}\n`);
    return 1;
  }
}

main().then((code) => (process.exitCode = code));
