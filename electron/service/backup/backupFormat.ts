import { scrypt } from 'node:crypto';

/**
 * The backup file: a plaintext header line `KYCBACKUP1 {json}\n` (the key derivation's salt and
 * the nonce, nothing secret), then one AES-256-GCM stream, then its 16-byte tag. Inside the
 * stream, entries one after another, each a JSON line `{"name","size"}\n` and its bytes: first
 * `manifest.json`, then the SQLite snapshot, then every evidence file the snapshot refers to
 * (its plaintext: the backup's encryption protects it, and a restore seals it again under the
 * new folder's key).
 */
export const BACKUP_MAGIC = 'KYCBACKUP1';
export const TAG_BYTES = 16;
/** scrypt cost: about 0.1 s and 32 MB here; a stolen backup costs a guesser that per passphrase. */
export const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

export interface BackupHeader {
  kdf: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  nonce: string;
}

export interface BackupManifest {
  /** 1: a plaintext snapshot (before encryption at rest); 2: the snapshot is keyed with `databaseKey`. */
  format: 1 | 2;
  createdAt: string;
  schemaVersion: number;
  /** The audit chain's head in the snapshot: a restore must verify to exactly this. */
  auditHead: string | null;
  auditEvents: number;
  /** Format 2: the one-off store key (hex) of the snapshot, secret only inside the backup's encryption. */
  databaseKey?: string;
  files: { name: string; size: number; sha256: string }[];
}

export function deriveKey(passphrase: string, h: Pick<BackupHeader, 'N' | 'r' | 'p' | 'salt'>): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), Buffer.from(h.salt, 'base64'), 32, { N: h.N, r: h.r, p: h.p, maxmem: SCRYPT.maxmem }, (e, key) => (e ? reject(e) : resolve(key))),
  );
}
