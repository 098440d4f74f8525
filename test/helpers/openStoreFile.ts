import { join } from 'node:path';
import { DataKeys } from '../../electron/service/crypto/DataKeys';
import { withRingKey } from '../../electron/service/crypto/openKeyedStore';
import { resolveKeyWrapper } from '../../electron/service/crypto/resolveKeyWrapper';
import { DATABASE_FILE } from '../../electron/service/db/databaseFile';
import { openDatabase, openDatabaseReadOnly, type Db } from '../../electron/service/db/openDatabase';

/**
 * A second connection to a store another process (or service) owns, the way an attacker with
 * the key or a test peeking at rows would open it: unlocked with the folder's own key file.
 */
export async function openStoreFile(dataDir: string, options: { readonly: boolean }): Promise<Db> {
  const { wrapper } = await resolveKeyWrapper(dataDir, { env: {} });
  const file = join(dataDir, DATABASE_FILE);
  return withRingKey(DataKeys.open(dataDir, wrapper), file, (hex) => (options.readonly ? openDatabaseReadOnly(file, hex) : openDatabase(file, hex))).db;
}
