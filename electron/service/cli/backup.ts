import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeBackup } from '../backup/writeBackup';
import { resolveDataDir } from '../config/resolveDataDir';
import { ServiceFailure } from '../core/ServiceFailure';
import { backupPassphrase } from './backupPassphrase';
import { readSecret } from './readSecret';
import { DataKeys } from '../crypto/DataKeys';
import { resolveKeyWrapper } from '../crypto/resolveKeyWrapper';
import { ErrorCode } from '../../../shared/errorCodes';
import { helpRequested } from './helpRequested';

const USAGE = `Usage: npm run backup -- --data DIR --out FILE [--passphrase-file F] [--key-file K]
  Online: the app or serve may keep running. The data folder is unlocked as serve does (its key
  file, --key-file, or KYC_DATA_PASSPHRASE). Encrypted (AES-256-GCM, key from the passphrase by
  scrypt): --passphrase-file, else KYC_BACKUP_PASSPHRASE, else a prompt (asked twice).`;

/** `npm run backup`: exit 0 written, 1 refused or failed, 2 usage. Prints counts and the audit head, never content. */
async function main(): Promise<number> {
  if (helpRequested()) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let values: { data?: string | undefined; out?: string | undefined; 'passphrase-file'?: string | undefined; 'key-file'?: string | undefined };
  try {
    ({ values } = parseArgs({ options: { data: { type: 'string' }, out: { type: 'string' }, 'passphrase-file': { type: 'string' }, 'key-file': { type: 'string' } }, strict: true }));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
    return 2;
  }
  if (!values.out) {
    process.stderr.write(`--out is required\n${USAGE}\n`);
    return 2;
  }
  const passphrase = await backupPassphrase(values['passphrase-file'], true);
  if (passphrase === null) {
    process.stderr.write(`a passphrase is needed (and was not given, or its two entries differ)\n${USAGE}\n`);
    return 2;
  }
  try {
    const dataDir = resolveDataDir(values.data);
    if (!DataKeys.exists(dataDir)) throw new ServiceFailure(ErrorCode.NOT_FOUND, `no encrypted KYC store at ${dataDir} (open it once with serve or the app)`, 'data');
    const { wrapper } = await resolveKeyWrapper(dataDir, { keyFile: values['key-file'], ask: process.stdin.isTTY ? readSecret : undefined });
    const m = await writeBackup({ dataDir, keys: DataKeys.open(dataDir, wrapper), out: resolve(values.out), passphrase });
    const evidence = m.files.length - 1;
    process.stdout.write(`backup written: ${resolve(values.out)} (schema ${m.schemaVersion}, ${m.auditEvents} audit events, head ${m.auditHead ?? '(empty)'}, ${evidence} evidence files)\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`${e instanceof ServiceFailure ? `${e.code}: ${e.message}` : `backup failed: ${e instanceof Error ? e.message : String(e)}`}\n`);
    return 1;
  }
}

main().then((code) => (process.exitCode = code));
