import { createDecipheriv, createHash } from 'node:crypto';
import { closeSync, createReadStream, existsSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join, normalize, resolve, sep } from 'node:path';
import { DataKeys } from '../crypto/DataKeys';
import type { KeyWrapper } from '../crypto/keyWrappers';
import { encryptPlaintextDatabase, openDatabaseReadOnly, rekeyDatabaseFile } from '../db/openDatabase';
import { evidenceSealer } from '../evidence/evidenceCipher';
import { ErrorCode } from '../../../shared/errorCodes';
import { AuditLog } from '../audit/AuditLog';
import { ServiceFailure } from '../core/ServiceFailure';
import { DATABASE_FILE } from '../db/databaseFile';
import { AuditRepository } from '../repositories/AuditRepository';
import { BACKUP_MAGIC, deriveKey, TAG_BYTES, type BackupHeader, type BackupManifest } from './backupFormat';

const damaged = (why: string) => new ServiceFailure(ErrorCode.BACKUP_INVALID, `the backup cannot be restored: ${why}`, 'file');

function readHeader(file: string): { header: BackupHeader; offset: number } {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const line = buf.subarray(0, n).toString('latin1');
    const end = line.indexOf('\n');
    if (!line.startsWith(`${BACKUP_MAGIC} `) || end < 0) throw damaged('not a KYC workstation backup');
    const header = JSON.parse(line.slice(BACKUP_MAGIC.length + 1, end)) as BackupHeader;
    if (header.kdf !== 'scrypt' || typeof header.salt !== 'string' || typeof header.nonce !== 'string') throw damaged('unknown header');
    return { header, offset: end + 1 };
  } catch (e) {
    if (e instanceof ServiceFailure) throw e;
    throw damaged('unreadable header');
  } finally {
    closeSync(fd);
  }
}

const EVIDENCE_ENTRY = /^evidence\/[0-9a-f]{2}\/[0-9a-f]{2}\/([0-9a-f]{64})$/;

/**
 * Restores a backup into a new data folder, locked by `keys` (a new key ring: the restored
 * store and every evidence file are sealed under a fresh data key as they are written).
 * Everything is written to a staging folder first and moved into place only when the whole
 * stream authenticated (a wrong passphrase or one changed byte fails it), every file matches
 * the manifest's hash, and the restored audit chain verifies to the head recorded at backup
 * time. Nothing is left behind on failure.
 */
export async function restoreBackup(o: { file: string; dataDir: string; passphrase: string; keys: KeyWrapper }): Promise<BackupManifest> {
  const target = resolve(o.dataDir);
  if (existsSync(target) && readdirSync(target).length > 0) throw new ServiceFailure(ErrorCode.BACKUP_TARGET, `${target} is not empty: restore into a new folder`, 'data');
  if (!existsSync(o.file)) throw new ServiceFailure(ErrorCode.BACKUP_INVALID, `no backup file at ${o.file}`, 'file');
  const size = statSync(o.file).size;
  const { header, offset } = readHeader(o.file);
  if (size < offset + TAG_BYTES) throw damaged('it is cut short');
  const tag = Buffer.alloc(TAG_BYTES);
  const fd = openSync(o.file, 'r');
  readSync(fd, tag, 0, TAG_BYTES, size - TAG_BYTES);
  closeSync(fd);
  const decipher = createDecipheriv('aes-256-gcm', await deriveKey(o.passphrase, header), Buffer.from(header.nonce, 'base64'));
  decipher.setAuthTag(tag);

  mkdirSync(dirname(target), { recursive: true });
  const staging = `${target}.restoring-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    const keys = DataKeys.create(staging, o.keys, new Date(), null);
    // Entries: a JSON line {name, size}, then size bytes; parsed as the plaintext streams by.
    let pending: Buffer = Buffer.alloc(0);
    let current: { name: string; left: number; fd: number; hash: ReturnType<typeof createHash>; sealer: ReturnType<typeof evidenceSealer> | null } | null = null;
    let manifestBytes: Buffer[] | null = null;
    const hashes = new Map<string, string>();
    const open = (name: string, left: number) => {
      const path = normalize(join(staging, name));
      if (!path.startsWith(staging + sep)) throw damaged('an entry names a path outside the data folder');
      mkdirSync(dirname(path), { recursive: true });
      const sha = EVIDENCE_ENTRY.exec(name)?.[1];
      const sealer = sha ? evidenceSealer(keys.current, keys.evidenceKey(keys.current), sha) : null;
      const fd = openSync(path, 'wx', 0o600);
      if (sealer) writeSync(fd, sealer.prefix);
      return { name, left, fd, hash: createHash('sha256'), sealer };
    };
    const close = () => {
      if (!current) return;
      if (current.sealer) {
        const end = current.sealer.final();
        writeSync(current.fd, end.rest);
        writeSync(current.fd, end.tag, 0, end.tag.length, end.tagOffset);
      }
      closeSync(current.fd);
      hashes.set(current.name, current.hash.digest('hex'));
      current = null;
    };
    const feed = (chunk: Buffer) => {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      for (;;) {
        if (current) {
          const take = Math.min(current.left, pending.length);
          const part = pending.subarray(0, take);
          writeSync(current.fd, current.sealer ? current.sealer.update(part) : part);
          current.hash.update(part);
          if (current.name === 'manifest.json') manifestBytes!.push(Buffer.from(part));
          current.left -= take;
          pending = pending.subarray(take);
          if (current.left > 0) return;
          close();
        }
        const nl = pending.indexOf(0x0a);
        if (nl < 0) {
          if (pending.length > 4096) throw damaged('an entry header is malformed');
          return;
        }
        let entry: { name?: unknown; size?: unknown };
        try {
          entry = JSON.parse(pending.subarray(0, nl).toString('utf8')) as typeof entry;
        } catch {
          throw damaged('an entry header is malformed');
        }
        if (typeof entry.name !== 'string' || typeof entry.size !== 'number' || !Number.isSafeInteger(entry.size) || entry.size < 0) throw damaged('an entry header is malformed');
        pending = pending.subarray(nl + 1);
        if (entry.name === 'manifest.json') manifestBytes = [];
        current = open(entry.name, entry.size);
        if (entry.size === 0) close();
      }
    };
    // The plaintext is parsed as it streams, before GCM's tag is checked at the end: a parse error
    // stops the parsing but not the decryption, so a wrong passphrase (whose garbage fails to parse
    // first) is reported as what it is, and a parse error only stands once the file authenticated.
    let parseError: unknown = null;
    const take = (chunk: Buffer) => {
      if (parseError !== null) return;
      try {
        feed(chunk);
      } catch (e) {
        parseError = e;
      }
    };
    try {
      for await (const chunk of createReadStream(o.file, { start: offset, end: size - TAG_BYTES - 1 })) take(decipher.update(chunk as Buffer));
      take(decipher.final());
    } catch {
      // GCM's tag: a wrong passphrase and a changed byte look the same, on purpose.
      throw damaged('the passphrase is wrong, or the file was changed');
    }
    if (parseError !== null) throw parseError;
    if (current || pending.length) throw damaged('it ends inside an entry');
    if (!manifestBytes) throw damaged('it has no manifest');
    const manifest = JSON.parse(Buffer.concat(manifestBytes).toString('utf8')) as BackupManifest;
    rmSync(join(staging, 'manifest.json'));
    for (const f of manifest.files) if (hashes.get(f.name) !== f.sha256) throw damaged(`${f.name} does not match its recorded hash`);
    if (hashes.size !== manifest.files.length + 1) throw damaged('it holds files its manifest does not list');
    const dbFile = join(staging, DATABASE_FILE);
    const snapshotKey = manifest.format === 2 ? (manifest.databaseKey ?? null) : null;
    if (manifest.format === 2 && !snapshotKey) throw damaged('its manifest names no key for the store');
    let db;
    try {
      db = openDatabaseReadOnly(dbFile, snapshotKey);
    } catch {
      throw damaged('the store in it does not open');
    }
    try {
      const v = new AuditLog(new AuditRepository(db)).verify();
      if (!v.valid || v.headHash !== manifest.auditHead) throw damaged('the restored audit chain does not verify to the head recorded at backup time');
    } finally {
      db.close();
    }
    // The restored store is locked by the new folder's key, never the backup's one-off key.
    if (snapshotKey) rekeyDatabaseFile(dbFile, snapshotKey, keys.databaseKeyHex());
    else encryptPlaintextDatabase(dbFile, keys.databaseKeyHex());
    rmSync(target, { recursive: true, force: true });
    renameSync(staging, target);
    return manifest;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
