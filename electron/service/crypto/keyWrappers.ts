import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { z } from 'zod';
import { ErrorCode } from '../../../shared/errorCodes';
import { ServiceFailure } from '../core/ServiceFailure';

/** How a data folder's keys are protected at rest. */
export const WrapKindSchema = z.enum(['passphrase', 'key-file', 'os-keychain']);
export type WrapKind = z.infer<typeof WrapKindSchema>;

/** A key as the key ring stores it: sealed, with the public parameters needed to unseal it. */
export const WrappedKeySchema = z.object({
  kind: WrapKindSchema,
  /** scrypt's salt and cost for a passphrase; nothing for the others. Never a secret. */
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  blob: z.string().min(1),
});
export type WrappedKey = z.infer<typeof WrappedKeySchema>;

/**
 * Seals and unseals data keys. The desktop app wraps them with the OS keychain (Electron's
 * safeStorage), `serve` and the command-line tools with a passphrase or a key file.
 */
export interface KeyWrapper {
  readonly kind: WrapKind;
  /** Where the key file is: recorded in the key ring so a later tool finds it. Never a secret. */
  readonly keyFile?: string;
  wrap(key: Buffer): WrappedKey;
  /** Throws KEY_UNAVAILABLE when the key cannot be unsealed (wrong passphrase, other key file). */
  unwrap(w: WrappedKey): Buffer;
}

const NONCE = 12;
const TAG = 16;
/** Binds a sealed key to its purpose: a blob cannot be replayed as anything else. */
const AAD = Buffer.from('kyc-workstation data key v1');
/**
 * scrypt's cost for a passphrase: about 0.2 s and 64 MB here, paid once per start; each guess
 * at a stolen laptop's passphrase costs the same.
 */
export const PASSPHRASE_SCRYPT = { N: 2 ** 16, r: 8, p: 1, maxmem: 160 * 1024 * 1024 } as const;
export const MIN_PASSPHRASE_LENGTH = 12;
export const KEY_FILE_BYTES = 32;

function sealWith(kek: Buffer, key: Buffer): string {
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', kek, nonce);
  cipher.setAAD(AAD);
  const body = Buffer.concat([cipher.update(key), cipher.final()]);
  return Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64');
}

function unsealWith(kek: Buffer, blob: string, why: string): Buffer {
  const raw = Buffer.from(blob, 'base64');
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, raw.subarray(0, NONCE));
    decipher.setAAD(AAD);
    decipher.setAuthTag(raw.subarray(NONCE, NONCE + TAG));
    return Buffer.concat([decipher.update(raw.subarray(NONCE + TAG)), decipher.final()]);
  } catch {
    throw new ServiceFailure(ErrorCode.KEY_UNAVAILABLE, why);
  }
}

function refuseOtherKind(w: WrappedKey, kind: WrapKind): void {
  if (w.kind !== kind) {
    throw new ServiceFailure(ErrorCode.KEY_UNAVAILABLE, `this data folder's key is protected by ${describeKind(w.kind)}, not ${describeKind(kind)}`);
  }
}

export function describeKind(kind: WrapKind): string {
  return kind === 'passphrase' ? 'a passphrase' : kind === 'key-file' ? 'a key file' : "the OS keychain (the desktop app's)";
}

/** Keys sealed under a key derived from a passphrase with scrypt; a fresh salt per sealed key. */
export function passphraseWrapper(passphrase: string): KeyWrapper {
  const derived = new Map<string, Buffer>();
  const kek = (salt: string, N: number, r: number, p: number) => {
    const id = `${salt}:${N}:${r}:${p}`;
    let k = derived.get(id);
    if (!k) {
      k = scryptSync(passphrase.normalize('NFC'), Buffer.from(salt, 'base64'), 32, { N, r, p, maxmem: PASSPHRASE_SCRYPT.maxmem });
      derived.set(id, k);
    }
    return k;
  };
  return {
    kind: 'passphrase',
    wrap(key) {
      if (passphrase.length < MIN_PASSPHRASE_LENGTH) throw new ServiceFailure(ErrorCode.INVALID_INPUT, `the data passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters`, 'passphrase');
      const { N, r, p } = PASSPHRASE_SCRYPT;
      const salt = randomBytes(16).toString('base64');
      return { kind: 'passphrase', params: { salt, N, r, p }, blob: sealWith(kek(salt, N, r, p), key) };
    },
    unwrap(w) {
      refuseOtherKind(w, 'passphrase');
      const { salt, N, r, p } = w.params;
      if (typeof salt !== 'string' || typeof N !== 'number' || typeof r !== 'number' || typeof p !== 'number') {
        throw new ServiceFailure(ErrorCode.KEY_MISMATCH, 'the key ring names no scrypt parameters for its passphrase');
      }
      return unsealWith(kek(salt, N, r, p), w.blob, 'the data passphrase is wrong');
    },
  };
}

/**
 * Keys sealed under 32 random bytes kept in a file only its owner may read (mode 0600). The
 * file is made on first use when `create` is set; one that others could read is refused, as
 * ssh refuses such a private key, rather than quietly used.
 */
export function keyFileWrapper(path: string, options: { create: boolean }): KeyWrapper {
  let cached: Buffer | null = null;
  const read = (): Buffer => {
    if (cached) return cached;
    if (!existsSync(path)) {
      if (!options.create) throw new ServiceFailure(ErrorCode.KEY_UNAVAILABLE, `the key file ${path} does not exist`, 'keyFile');
      const fd = openSync(path, 'wx', 0o600);
      try {
        writeSync(fd, randomBytes(KEY_FILE_BYTES));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
      throw new ServiceFailure(ErrorCode.KEY_FILE_UNSAFE, `the key file ${path} can be read by other users: run chmod 600 on it`, 'keyFile');
    }
    const bytes = readFileSync(path);
    if (bytes.length !== KEY_FILE_BYTES) throw new ServiceFailure(ErrorCode.KEY_UNAVAILABLE, `${path} is not a ${KEY_FILE_BYTES}-byte key file`, 'keyFile');
    cached = bytes;
    return bytes;
  };
  return {
    kind: 'key-file',
    keyFile: path,
    wrap: (key) => ({ kind: 'key-file', params: {}, blob: sealWith(read(), key) }),
    unwrap(w) {
      refuseOtherKind(w, 'key-file');
      return unsealWith(read(), w.blob, `the key file ${path} is not this data folder's key file`);
    },
  };
}

/** What the desktop shell lends the service: Electron's safeStorage, which the service never imports. */
export interface OsKeychain {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
}

/** Keys sealed by the OS keychain (DPAPI, Keychain, libsecret) through the desktop shell. */
export function osKeychainWrapper(keychain: OsKeychain): KeyWrapper {
  const available = () => {
    if (!keychain.isEncryptionAvailable()) throw new ServiceFailure(ErrorCode.KEY_UNAVAILABLE, 'the OS keychain is not available to unlock the data folder');
  };
  return {
    kind: 'os-keychain',
    wrap(key) {
      available();
      return { kind: 'os-keychain', params: {}, blob: keychain.encryptString(key.toString('base64')).toString('base64') };
    },
    unwrap(w) {
      refuseOtherKind(w, 'os-keychain');
      available();
      try {
        return Buffer.from(keychain.decryptString(Buffer.from(w.blob, 'base64')), 'base64');
      } catch {
        throw new ServiceFailure(ErrorCode.KEY_UNAVAILABLE, "the OS keychain cannot unseal this data folder's key (another user or machine?)");
      }
    },
  };
}
