import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { appendFileSync, createReadStream, createWriteStream, existsSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Database from 'better-sqlite3';
import { ErrorCode } from '../../../shared/errorCodes';
import { AuditLog } from '../audit/AuditLog';
import { ServiceFailure } from '../core/ServiceFailure';
import { DATABASE_FILE } from '../db/databaseFile';
import { AuditRepository } from '../repositories/AuditRepository';
import { EvidenceReferenceRepository } from '../repositories/EvidenceReferenceRepository';
import { BACKUP_MAGIC, deriveKey, SCRYPT, type BackupManifest } from './backupFormat';

const sha256File = (path: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(path).on('data', (c) => h.update(c)).on('end', () => resolve(h.digest('hex'))).on('error', reject);
  });

const evidencePath = (dataDir: string, sha: string) => join(dataDir, 'evidence', sha.slice(0, 2), sha.slice(2, 4), sha);

/**
 * An online, encrypted backup of a data folder while its owner keeps working: SQLite's backup
 * API takes a consistent snapshot, and the evidence files that snapshot refers to are added
 * (content-addressed, so they cannot change under it). Written next to `out` and renamed into
 * place only when complete. Returns the manifest.
 */
export async function writeBackup(o: { dataDir: string; out: string; passphrase: string; now?: Date }): Promise<BackupManifest> {
  const dbFile = join(o.dataDir, DATABASE_FILE);
  if (!existsSync(dbFile)) throw new ServiceFailure(ErrorCode.NOT_FOUND, `no KYC store at ${o.dataDir}`, 'data');
  if (o.passphrase.length < 12) throw new ServiceFailure(ErrorCode.INVALID_INPUT, 'the backup passphrase must be at least 12 characters', 'passphrase');
  const work = mkdtempSync(join(dirname(o.out), '.kyc-backup-'));
  const partial = join(work, 'backup.partial');
  try {
    const snapshot = join(work, DATABASE_FILE);
    const live = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      await live.backup(snapshot);
    } finally {
      live.close();
    }
    const snap = new Database(snapshot, { readonly: true });
    let manifest: BackupManifest;
    try {
      const verified = new AuditLog(new AuditRepository(snap)).verify();
      if (!verified.valid) throw new ServiceFailure(ErrorCode.INVALID_INPUT, `the store's audit chain is broken at event #${verified.firstBroken?.seq}: not backed up`, 'data');
      const files = [{ name: DATABASE_FILE, path: snapshot }];
      for (const sha of [...new EvidenceReferenceRepository(snap).referenced()].sort()) {
        const path = evidencePath(o.dataDir, sha);
        // Purged between the snapshot and now: the snapshot would be restored without it.
        if (!existsSync(path)) throw new ServiceFailure(ErrorCode.INVALID_INPUT, 'evidence changed while the backup ran (a purge?): run it again', 'data');
        files.push({ name: `evidence/${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`, path });
      }
      manifest = {
        format: 1,
        createdAt: (o.now ?? new Date()).toISOString(),
        schemaVersion: snap.pragma('user_version', { simple: true }) as number,
        auditHead: verified.headHash,
        auditEvents: verified.checked,
        files: await Promise.all(files.map(async (f) => ({ name: f.name, size: statSync(f.path).size, sha256: await sha256File(f.path) }))),
      };
      const pathOf = new Map(files.map((f) => [f.name, f.path]));
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
          for await (const chunk of createReadStream(pathOf.get(f.name)!)) yield chunk as Buffer;
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
