import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ErrorCode } from '../../../shared/errorCodes';
import { ServiceFailure } from '../core/ServiceFailure';
import { DataKeys } from './DataKeys';
import { describeKind, keyFileWrapper, osKeychainWrapper, passphraseWrapper, type KeyWrapper, type OsKeychain } from './keyWrappers';

/**
 * Where `serve` keeps a new folder's key file when nothing else is said: beside the data
 * folder, not in it, so a copy of the folder does not carry its key. A passphrase
 * (KYC_DATA_PASSPHRASE) or a key file on removable media (--key-file) protects a lost laptop.
 */
export function defaultKeyFile(dataDir: string): string {
  return `${resolve(dataDir)}.key`;
}

export interface KeySource {
  /** `--key-file`, else KYC_DATA_KEY_FILE. */
  keyFile?: string | undefined;
  env?: NodeJS.ProcessEnv;
  /** Asks for the passphrase on a terminal; absent when there is none (a scheduled task, CI). */
  ask?: ((prompt: string) => Promise<string>) | undefined;
}

/**
 * The wrapper that unlocks a data folder for `serve` and the command-line tools. An existing
 * key ring decides: its key file (the path it recorded, unless one is given) or its
 * passphrase (KYC_DATA_PASSPHRASE, else asked for). A new folder takes the key file or the
 * passphrase given, else a key file made at defaultKeyFile; `created` says where.
 */
export async function resolveKeyWrapper(dataDir: string, source: KeySource = {}): Promise<{ wrapper: KeyWrapper; createdKeyFile: string | null }> {
  const env = source.env ?? process.env;
  const keyFile = source.keyFile ?? env.KYC_DATA_KEY_FILE;
  const ring = DataKeys.describe(dataDir);
  if (ring?.kind === 'os-keychain') {
    throw new ServiceFailure(ErrorCode.KEY_UNAVAILABLE, `the data folder ${dataDir} is locked by ${describeKind('os-keychain')}: open it with the desktop app`);
  }
  if (ring?.kind === 'passphrase' && !keyFile) {
    const passphrase = env.KYC_DATA_PASSPHRASE ?? (source.ask ? await source.ask(`Data passphrase for ${dataDir}: `) : undefined);
    if (!passphrase) throw new ServiceFailure(ErrorCode.KEY_UNAVAILABLE, `the data folder ${dataDir} is locked by a passphrase: set KYC_DATA_PASSPHRASE or run on a terminal`);
    return { wrapper: passphraseWrapper(passphrase), createdKeyFile: null };
  }
  if (ring) return { wrapper: keyFileWrapper(keyFile ?? ring.keyFile ?? defaultKeyFile(dataDir), { create: false }), createdKeyFile: null };
  if (keyFile) return { wrapper: keyFileWrapper(keyFile, { create: true }), createdKeyFile: null };
  if (env.KYC_DATA_PASSPHRASE) return { wrapper: passphraseWrapper(env.KYC_DATA_PASSPHRASE), createdKeyFile: null };
  const path = defaultKeyFile(dataDir);
  return { wrapper: keyFileWrapper(path, { create: true }), createdKeyFile: existsSync(path) ? null : path };
}

/**
 * The desktop app's wrapper: the OS keychain, unless the folder was set up by `serve` with a
 * key file, which the desktop then keeps using (rewrap it with `npm run keys` to move it).
 */
export function desktopKeyWrapper(dataDir: string, keychain: OsKeychain): KeyWrapper {
  const ring = DataKeys.describe(dataDir);
  if (ring?.kind === 'key-file') return keyFileWrapper(ring.keyFile ?? defaultKeyFile(dataDir), { create: false });
  if (ring?.kind === 'passphrase') {
    throw new ServiceFailure(ErrorCode.KEY_UNAVAILABLE, `the data folder ${dataDir} is locked by a passphrase: open it with serve, or move its keys to a key file with npm run keys -- rewrap`);
  }
  return osKeychainWrapper(keychain);
}
