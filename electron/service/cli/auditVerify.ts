import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CHECKPOINT_EVENT_TYPE } from '../../../shared/schemas/audit';
import { ErrorCode } from '../../../shared/errorCodes';
import { DataKeys } from '../crypto/DataKeys';
import { withRingKey } from '../crypto/openKeyedStore';
import { resolveKeyWrapper } from '../crypto/resolveKeyWrapper';
import { isPlaintextDatabase, openDatabaseReadOnly, type Db } from '../db/openDatabase';
import { ServiceFailure } from '../core/ServiceFailure';
import { readSecret } from './readSecret';
import { checkAnchor, readAnchors } from '../audit/readAnchors';
import { publicKeyId } from '../audit/auditSigner';
import { AuditRepository } from '../repositories/AuditRepository';
import { AuditLog } from '../audit/AuditLog';
import { DATABASE_FILE } from '../KycService';
import { resolveDataDir } from '../config/resolveDataDir';
import { helpRequested } from './helpRequested';

const USAGE = `Usage: npm run audit:verify -- --data DIR [--json] [--key-file K] [--anchors FILE...]
  --anchors FILE...  also check the signed checkpoints that earlier case reports (PDF) and export
                     manifests (manifest.json) carry: each must be signed by this folder's key, and
                     the chain must still hold the head it recorded (a rewrite of the chain fails it).`;

/**
 * \`npm run audit:verify -- --data DIR [--json] [--anchors FILE...]\`: walks the audit hash
 * chain of a store, read-only, with its signed checkpoints, and checks the anchors earlier
 * reports carry. Exits 1 naming the first broken row or anchor (0 when intact, 2 on usage errors).
 */
async function main(): Promise<number> {
  if (helpRequested()) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let values: { data?: string | undefined; json?: boolean | undefined; 'key-file'?: string | undefined; anchors?: boolean | undefined };
  let anchorFiles: string[];
  try {
    const parsed = parseArgs({ options: { data: { type: 'string' }, json: { type: 'boolean', default: false }, 'key-file': { type: 'string' }, anchors: { type: 'boolean', default: false } }, allowPositionals: true, strict: true });
    values = parsed.values;
    anchorFiles = parsed.positionals;
    if (anchorFiles.length && !values.anchors) throw new Error(`unexpected argument ${anchorFiles[0]}`);
    if (values.anchors && !anchorFiles.length) throw new Error('--anchors needs at least one file');
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
    return 2;
  }
  const dataDir = resolveDataDir(values.data);
  const file = join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) {
    process.stderr.write(`${ErrorCode.NO_STORE}: no KYC store at ${file}\n`);
    return 1;
  }
  let db: Db;
  try {
    // A store from before encryption at rest is read as it is; any other with the folder's key.
    if (isPlaintextDatabase(file)) db = openDatabaseReadOnly(file, null);
    else {
      const { wrapper } = await resolveKeyWrapper(dataDir, { keyFile: values['key-file'], ask: process.stdin.isTTY ? readSecret : undefined });
      db = withRingKey(DataKeys.open(dataDir, wrapper), `the store in ${dataDir}`, (hex) => openDatabaseReadOnly(file, hex)).db;
    }
  } catch (e) {
    if (!(e instanceof ServiceFailure)) throw e;
    process.stderr.write(`${e.code}: ${e.message}\n`);
    return 2;
  }
  try {
    const repo = new AuditRepository(db);
    // Read from the key ring without unlocking anything: checkpoints must be signed by it.
    const publicKey = DataKeys.signingPublicKey(dataDir);
    const result = new AuditLog(repo).verify(publicKey);
    const anchors = anchorFiles.map((f) => {
      const found = readAnchors(f);
      if (!found.length) return { file: f, seq: null, ok: false, problem: 'it carries no audit anchor' };
      return found.map((a) => ({ file: f, seq: a.seq, ...checkAnchor(repo, publicKey, a) }));
    }).flat();
    const anchorsOk = anchors.every((a) => a.ok);
    if (values.json) process.stdout.write(`${JSON.stringify(values.anchors ? { ...result, anchors } : result)}\n`);
    else if (result.valid) {
      const purged = result.purgedPayloads ? ` (${result.purgedPayloads} payloads purged under retention, each recorded by a tombstone)` : '';
      process.stdout.write(`audit chain intact: ${result.checked} events${purged}, head ${result.headHash ?? '(empty)'}\n`);
      process.stdout.write(`${tailWords(repo)}\n`);
    }
    else {
      process.stdout.write(
        `audit chain BROKEN at event #${result.firstBroken?.seq}: ${result.firstBroken?.problem} [${result.firstBroken?.code}] (${result.checked} events verified before it)\n`,
      );
    }
    if (!values.json) {
      for (const a of anchors) {
        process.stdout.write(a.ok ? `anchor holds: ${a.file} (event #${a.seq})\n` : `anchor BROKEN: ${a.file}${a.seq ? ` (event #${a.seq})` : ''}: ${'problem' in a ? a.problem : ''}\n`);
      }
      if (publicKey) process.stdout.write(`checkpoints signed by Ed25519 key ${publicKeyId(publicKey)} (public key ${publicKey})\n`);
    }
    return result.valid && anchorsOk ? 0 : 1;
  } finally {
    db.close();
  }
}

/**
 * What "intact" cannot say: removing the newest events leaves a shorter chain that still links.
 * Only a signed checkpoint, or a head recorded elsewhere, vouches for the events it covers.
 */
function tailWords(repo: AuditRepository): string {
  const head = repo.lastLink()?.seq ?? 0;
  const checkpoint = repo.latestOfType(CHECKPOINT_EVENT_TYPE, 1)[0]?.seq ?? null;
  const after = checkpoint === null ? head : head - checkpoint;
  const where = checkpoint === null ? 'no signed checkpoint yet, so' : `newest signed checkpoint: event #${checkpoint};`;
  return `${where} the ${after} newest events are held by the hash chain alone, and deleting the newest events leaves a chain that still verifies: compare the head above with a later report's anchor (--anchors FILE) or a backup's recorded head`;
}

void main().then((code) => (process.exitCode = code));
