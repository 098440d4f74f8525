import { safeStorage } from 'electron';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretKeyProvider } from '../service/sync/secretBox';

const SEALED_KEY_FILE = 'secrets.key.safestorage';

/**
 * The desktop's key for connector secrets: 32 random bytes, stored only wrapped by the OS
 * keychain through Electron's safeStorage, so a copied data folder does not carry it.
 */
export function safeStorageKeyProvider(dataDir: string): SecretKeyProvider {
  const path = join(dataDir, SEALED_KEY_FILE);
  let cached: Buffer | null = null;
  return {
    key() {
      if (cached) return cached;
      if (!safeStorage.isEncryptionAvailable()) throw new Error('the OS keychain is not available to protect connector secrets');
      if (!existsSync(path)) writeFileSync(path, safeStorage.encryptString(randomBytes(32).toString('base64')), { mode: 0o600, flag: 'wx' });
      cached = Buffer.from(safeStorage.decryptString(readFileSync(path)), 'base64');
      return cached;
    },
  };
}
