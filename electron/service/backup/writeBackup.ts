import { createCipheriv, randomBytes } from 'node:crypto';
import { appendFileSync, createReadStream, createWriteStream, existsSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DataKeys } from '../crypto/DataKeys';
import { withRingKey } from '../crypto/openKeyedStore';
import { openDatabaseReadOnly, rekeyDatabaseFile } from '../db/openDatabase';
import { EvidenceStore } from '../evidence/EvidenceStore';
import { SEALED_OVERHEAD } from '../evidence/evidenceCipher';
import { ErrorCode } from '../../../shared/errorCodes';
import { AuditLog } from '../audit/AuditLog';
import { ServiceFailure } from '../core/ServiceFailure';
import { DATABASE_FILE } from '../db/databaseFile';
import { AuditRepository } from '../repositories/AuditRepository';
import { EvidenceReferenceRepository } from '../repositories/EvidenceReferenceRepository';
import { BACKUP_MAGIC, deriveKey, SCRYPT, type BackupManifest } from './backupFormat';
import { sha256File } from '../core/sha256File';

/**
 * An online, encrypted backup of a data folder while its owner keeps working: `VACUUM INTO`
 * takes a consistent snapshot (SQLite's backup API cannot copy between differently keyed
 * files), and the evidence files that snapshot refers to are added (content-addressed, so they
 * cannot change under it). The snapshot is re-keyed with a one-off key carried inside the
 * backup's own encryption, and evidence is added as plaintext inside that encryption, so a
 * backup restores on another machine with its passphrase alone and no plaintext touches the
 * disk. Written next to `out` and renamed into place only when complete. Returns the manifest.
 */
export async function writeBackup(o: { dataDir: string; keys: DataKeys; out: string; passphrase: string; now?: Date }): Promise<BackupManifest> {
  const dbFile = join(o.dataDir, DATABASE_FILE);
  if (!existsSync(dbFile)) throw new ServiceFailure(ErrorCode.NOT_FOUND, `no KYC store at ${o.dataDir}`, 'data');
  if (o.passphrase.length < 12) throw new ServiceFailure(ErrorCode.INVALID_INPUT, 'the backup passphrase must be at least 12 characters', 'passphrase');
  const work = mkdtempSync(join(dirname(o.out), '.kyc-backup-'));
  const partial = join(work, 'backup.partial');
  try {
    const snapshot = join(work, DATABASE_FILE);
    const { db: live, keyId } = withRingKey(o.keys, `the store in ${o.dataDir}`, (hex) => openDatabaseReadOnly(dbFile, hex));
    try {
      live.prepare('VACUUM INTO ?').run(snapshot);
    } finally {
      live.close();
    }
    const databaseKey = randomBytes(32).toString('hex');
    rekeyDatabaseFile(snapshot, o.keys.databaseKeyHex(keyId), databaseKey);
    const snap = openDatabaseReadOnly(snapshot, databaseKey);
    const evidence = new EvidenceStore(join(o.dataDir, 'evidence'), o.keys);
    let manifest: BackupManifest;
    try {
      const verified = new AuditLog(new AuditRepository(snap)).verify();
      if (!verified.valid) throw new ServiceFailure(ErrorCode.INVALID_INPUT, `the store's audit chain is broken at event #${verified.firstBroken?.seq}: not backed up`, 'data');
      const evidenceNames = new Map<string, string>();
      const files: BackupManifest['files'] = [{ name: DATABASE_FILE, size: statSync(snapshot).size, sha256: await sha256File(snapshot) }];
      for (const sha of [...new EvidenceReferenceRepository(snap).referenced()].sort()) {
        const path = evidence.pathOf(sha);
        // Purged between the snapshot and now: the snapshot would be restored without it.
        if (!existsSync(path)) throw new ServiceFailure(ErrorCode.INVALID_INPUT, 'evidence changed while the backup ran (a purge?): run it again', 'data');
        const name = `evidence/${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`;
        evidenceNames.set(name, sha);
        // The plaintext's size and hash: the file's name is that hash, and the seal binds it.
        files.push({ name, size: statSync(path).size - SEALED_OVERHEAD, sha256: sha });
      }
      manifest = {
        format: 2,
        createdAt: (o.now ?? new Date()).toISOString(),
        schemaVersion: snap.pragma('user_version', { simple: true }) as number,
        auditHead: verified.headHash,
        auditEvents: verified.checked,
        databaseKey,
        files,
      };
      const salt = randomBytes(16);
      const nonce = randomBytes(12);
      const header = { kdf: 'scrypt', N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p, salt: salt.toString('base64'), nonce: nonce.toString('base64') };
      writeFileSync(partial, `${BACKUP_MAGIC} ${JSON.stringify(header)}\n`);
      const cipher = createCipheriv('aes-256-gcm', await deriveKey(o.passphrase, header), nonce);
      const m = manifest;
      async function* entries(): AsyncGenerator<Buffer> {
        const body = Buffer.from(JSON.stringify(m));
        yield Buffer.from(`${JSON.stringify({ name: 'manifest.json', size: body.length })}\n`);
        yield body;
        for (const f of m.files) {
          yield Buffer.from(`${JSON.stringify({ name: f.name, size: f.size })}\n`);
          const sha = evidenceNames.get(f.name);
          if (sha === undefined) for await (const chunk of createReadStream(snapshot)) yield chunk as Buffer;
          else yield evidence.get(sha);
        }
      }
      await pipeline(Readable.from(entries()), cipher, createWriteStream(partial, { flags: 'a' }));
      appendFileSync(partial, cipher.getAuthTag());
    } finally {
      snap.close();
    }
    rmSync(o.out, { force: true });
    // Complete, or not there at all.
    renameSync(partial, o.out);
    return manifest;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
