import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ServiceFailure } from '../core/ServiceFailure';
import { rotateDataKey } from '../crypto/rotateDataKey';
import { describeKind, keyFileWrapper, passphraseWrapper, type KeyWrapper } from '../crypto/keyWrappers';
import { openStoreAs } from './openStoreAs';
import { readSecret } from './readSecret';
import { helpRequested } from './helpRequested';

/** The tool's name in the audit trail and in a refused data folder's message. */
const TOOL = 'keys';
const USAGE = `Usage: npm run keys -- <status|rotate|rewrap> --data DIR --as ADMIN_EMAIL [--password-file F] [--key-file K]
  status   the folder's data keys (ids and dates) and what protects them
  rotate   a new data key: the store and every evidence file are encrypted again, the old key is forgotten
  rewrap   protect the keys another way: --to passphrase (KYC_NEW_DATA_PASSPHRASE, else asked twice)
           or --to key-file --new-key-file F (made, mode 0600, if it does not exist)
  The app and serve must be closed (the tool holds the folder). The admin's password: --password-file,
  else KYC_OPERATOR_PASSWORD, else a prompt; the folder unlocks as serve unlocks it.`;

async function newPassphrase(): Promise<string | null> {
  if (process.env.KYC_NEW_DATA_PASSPHRASE) return process.env.KYC_NEW_DATA_PASSPHRASE;
  if (!process.stdin.isTTY) return null;
  const first = await readSecret('New data passphrase: ');
  // A typo here would lock the data away for good: asked twice.
  return (await readSecret('Repeat it: ')) === first ? first : null;
}

/** `npm run keys`: exit 0 done, 1 refused or failed, 2 usage. Prints key ids and counts, never a key. */
async function main(): Promise<number> {
  if (helpRequested()) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let parsed: { values: { data?: string | undefined; as?: string | undefined; 'password-file'?: string | undefined; 'key-file'?: string | undefined; to?: string | undefined; 'new-key-file'?: string | undefined }; positionals: string[] };
  try {
    parsed = parseArgs({
      options: { data: { type: 'string' }, as: { type: 'string' }, 'password-file': { type: 'string' }, 'key-file': { type: 'string' }, to: { type: 'string' }, 'new-key-file': { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (positionals.length !== 1 || !command || !['status', 'rotate', 'rewrap'].includes(command) || !values.as) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let target: KeyWrapper | null = null;
  if (command === 'rewrap') {
    if (values.to === 'key-file' && values['new-key-file']) target = keyFileWrapper(resolve(values['new-key-file']), { create: true });
    else if (values.to === 'passphrase') {
      const p = await newPassphrase();
      if (p === null) {
        process.stderr.write('a new passphrase is needed (and was not given, or its two entries differ)\n');
        return 2;
      }
      target = passphraseWrapper(p);
    } else {
      process.stderr.write(`rewrap needs --to passphrase, or --to key-file --new-key-file F\n${USAGE}\n`);
      return 2;
    }
  }
  const opened = await openStoreAs(TOOL, { data: values.data, email: values.as, passwordFile: values['password-file'], keyFile: values['key-file'] }, ['admin'], 'admin');
  if (!opened.ok) {
    process.stderr.write(`${opened.message}\n`);
    return opened.exit;
  }
  const { service, actor } = opened;
  const deps = service.deps;
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const who = { id: actor.id, name: `${actor.displayName} (command line ${TOOL})` };
  try {
    if (command === 'status') {
      out(`data folder ${deps.dataDir}: encrypted (AEGIS-256 store, AES-256-GCM evidence), keys protected by ${describeKind(deps.keys.kind)}${deps.keys.keyFile ? ` at ${deps.keys.keyFile}` : ''}`);
      for (const id of deps.keys.ids()) out(`key ${id}  created ${deps.keys.createdAt(id)}${id === deps.keys.current ? '  current' : ''}`);
    } else if (command === 'rotate') {
      const r = rotateDataKey(deps, who);
      out(`data key rotated: ${r.from} -> ${r.to}; store re-encrypted, ${r.evidenceFiles} evidence files sealed again, old key forgotten`);
    } else if (target) {
      deps.keys.rewrap(target);
      deps.audit.append({ at: deps.clock().toISOString(), actor: who, type: 'store.keys_rewrapped', payload: { protection: target.kind } });
      out(`data keys now protected by ${describeKind(target.kind)}${target.keyFile ? ` at ${target.keyFile}` : ''}`);
    }
    return 0;
  } catch (e) {
    process.stderr.write(`${e instanceof ServiceFailure ? `${e.code}: ${e.message}` : `${TOOL} failed: ${e instanceof Error ? e.message : String(e)}`}\n`);
    return 1;
  } finally {
    await opened.close();
  }
}

main().then((code) => (process.exitCode = code));
