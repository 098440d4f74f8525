import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCode } from '../../../shared/errorCodes';
import { ServiceFailure } from '../core/ServiceFailure';
import { DATABASE_FILE } from '../db/databaseFile';
import { encryptPlaintextDatabase, isPlaintextDatabase, openDatabase, type Db } from '../db/openDatabase';
import { DataKeys, KEYRING_FILE } from './DataKeys';
import type { KeyWrapper } from './keyWrappers';

const isNotADb = (e: unknown) => (e as { code?: string }).code === 'SQLITE_NOTADB';

/**
 * Unlocks a data folder and opens its SQLite store. A new folder gets a key ring and an
 * encrypted store; a store from before encryption is encrypted in place (the key ring is
 * written first, marked `pending: encrypt`, so a crash part way is finished at the next open).
 * The store opens with the key the ring names, or, after a crash inside a key rotation, with
 * the other key of the ring, which the ring then records.
 */
export function openKeyedStore(dataDir: string, wrapper: KeyWrapper, now: Date): { db: Db; keys: DataKeys } {
  const file = join(dataDir, DATABASE_FILE);
  const hasStore = existsSync(file) && statSync(file).size > 0;
  const plaintext = hasStore && isPlaintextDatabase(file);
  let keys: DataKeys;
  if (DataKeys.exists(dataDir)) keys = DataKeys.open(dataDir, wrapper);
  else if (hasStore && !plaintext) throw new ServiceFailure(ErrorCode.KEY_MISMATCH, `the store is encrypted but its key ring ${KEYRING_FILE} is missing from ${dataDir}`);
  else keys = DataKeys.create(dataDir, wrapper, now, plaintext ? 'encrypt' : null);

  if (plaintext) {
    // Only a store this ring set out to encrypt may be plaintext: anything else was swapped in.
    if (keys.pending !== 'encrypt') throw new ServiceFailure(ErrorCode.KEY_MISMATCH, `the store in ${dataDir} is not encrypted, but its key ring says it is`);
    encryptPlaintextDatabase(file, keys.databaseKeyHex());
  }
  const { db, keyId } = withRingKey(keys, `the store in ${dataDir}`, (hex) => openDatabase(file, hex));
  if (keyId !== keys.database) keys.update({ database: keyId });
  return { db, keys };
}

/**
 * Opens the store file with the key the ring names or, after a crash inside a rotation, the
 * other one. KEY_MISMATCH when none opens it.
 */
export function withRingKey(keys: DataKeys, what: string, open: (keyHex: string) => Db): { db: Db; keyId: string } {
  for (const id of [keys.database, ...keys.ids().filter((i) => i !== keys.database)]) {
    try {
      return { db: open(keys.databaseKeyHex(id)), keyId: id };
    } catch (e) {
      if (!isNotADb(e)) throw e;
    }
  }
  throw new ServiceFailure(ErrorCode.KEY_MISMATCH, `${what} does not open with any key of its key ring`);
}
