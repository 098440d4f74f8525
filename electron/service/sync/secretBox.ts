import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Connector secrets (API keys, passwords) at rest: AES-256-GCM with a random nonce per value,
 * under a 32-byte key the shell provides. The desktop app wraps the key with Electron's
 * safeStorage; `serve` keeps it in a key file only its owner may read.
 */
export interface SecretKeyProvider {
  key(): Buffer;
}

const VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
export const SECRET_KEY_FILE = 'secrets.key';

export function sealSecret(key: Buffer, plaintext: string): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), nonce, cipher.getAuthTag(), body]);
}

/** Throws when the value was not sealed with this key or was altered. */
export function openSecret(key: Buffer, sealed: Buffer): string {
  if (sealed.length < 1 + NONCE_BYTES + TAG_BYTES || sealed[0] !== VERSION) throw new Error('not a sealed secret');
  const nonce = sealed.subarray(1, 1 + NONCE_BYTES);
  const tag = sealed.subarray(1 + NONCE_BYTES, 1 + NONCE_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed.subarray(1 + NONCE_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}

/**
 * `serve`'s key: `<data>/secrets.key`, 32 random bytes made on first use with mode 0600. A key
 * file that others could read (copied in by hand) is narrowed back to 0600 before use.
 */
export function fileKeyProvider(dataDir: string): SecretKeyProvider {
  const path = join(dataDir, SECRET_KEY_FILE);
  let cached: Buffer | null = null;
  return {
    key() {
      if (cached) return cached;
      if (!existsSync(path)) writeFileSync(path, randomBytes(32), { mode: 0o600, flag: 'wx' });
      if (process.platform !== 'win32') {
        if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
      }
      const key = readFileSync(path);
      if (key.length !== 32) throw new Error(`${SECRET_KEY_FILE} is not a 32-byte key`);
      cached = key;
      return key;
    },
  };
}

/** Shown instead of a secret: whether one is set and its last four characters, never more. */
export function maskSecret(secret: string | null): string | null {
  if (!secret) return null;
  return secret.length <= 8 ? '••••' : `••••${secret.slice(-4)}`;
}
