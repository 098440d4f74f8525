import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KycService } from '../../electron/service/KycService';
import { createOperator } from '../../electron/service/bootstrap/createOperator';
import type { Role } from '../../shared/schemas/operator';
import type { Clock } from '../../electron/service/core/Clock';
import type { SyncRunnerOptions } from '../../electron/service/sync/SyncRunner';
import type { Logger } from '../../electron/service/core/Logger';
import { testKeys } from './testKeys';
import type { KeyWrapper } from '../../electron/service/crypto/keyWrappers';

export const TEST_PASSWORD = 'correct-horse-battery';

export interface TempService {
  service: KycService;
  dataDir: string;
  /** Creates an operator of `role` and returns a signed-in session token. */
  signInAs(role: Role, email?: string): Promise<string>;
  cleanup(): void;
}

export function makeTempDir(prefix = 'kyc-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** `keys` defaults to a key file inside the data folder; a store `npm run serve` opens later needs the one beside it (keysBeside). */
export function openTempService(opts: { clock?: Clock; sync?: SyncRunnerOptions; dataDir?: string; log?: Logger; keys?: KeyWrapper } = {}): TempService {
  const dataDir = opts.dataDir ?? makeTempDir();
  const service = KycService.open({ dataDir, keys: opts.keys ?? testKeys(dataDir), ...(opts.clock ? { clock: opts.clock } : {}), ...(opts.sync ? { sync: opts.sync } : {}), ...(opts.log ? { log: opts.log } : {}) });
  let n = 0;
  return {
    service,
    dataDir,
    async signInAs(role, email) {
      n += 1;
      const address = email ?? `${role}.${n}@test.local`;
      await createOperator(service.deps, { email: address, displayName: `${role} ${n}`, role, password: TEST_PASSWORD });
      const r = await service.call('auth.signIn', { email: address, password: TEST_PASSWORD }, null);
      if (!r.ok) throw new Error(`sign-in failed: ${r.error.message}`);
      return r.value.token;
    },
    cleanup() {
      service.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
