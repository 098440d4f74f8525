import { join } from 'node:path';
import { keyFileWrapper, type KeyWrapper } from '../../electron/service/crypto/keyWrappers';
import { defaultKeyFile } from '../../electron/service/crypto/resolveKeyWrapper';

/** A test store's key file, inside its own data folder so that removing the folder removes it. */
export const TEST_KEY_FILE = 'test-data.key';

export function testKeys(dataDir: string): KeyWrapper {
  return keyFileWrapper(join(dataDir, TEST_KEY_FILE), { create: true });
}

/** The key file of a folder that does not exist yet (a restore's target): beside it, as serve makes one. */
export function keysBeside(dataDir: string): KeyWrapper {
  return keyFileWrapper(defaultKeyFile(dataDir), { create: true });
}
