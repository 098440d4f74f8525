import { rekeyDatabase } from '../db/openDatabase';
import type { ServiceDeps } from '../core/ServiceDeps';
import { finishPendingKeyWork } from './finishPendingKeyWork';

export interface Rotation {
  from: string;
  to: string;
  evidenceFiles: number;
}

/**
 * Replaces the data key: a new key is sealed into the ring first, the store is re-encrypted
 * under it (one SQLite transaction), every evidence file is sealed again, and the old key is
 * forgotten. Each step is recorded in the ring before the next, so a crash anywhere is
 * finished at the next open (openKeyedStore tries both keys; the evidence pass resumes).
 * Runs with the store open and idle: a maintenance command, which holds the folder's lock.
 */
export function rotateDataKey(deps: Pick<ServiceDeps, 'db' | 'keys' | 'evidenceFiles' | 'audit' | 'clock'>, actor: { id: string | null; name: string }): Rotation {
  const from = deps.keys.current;
  const to = deps.keys.addKey(deps.clock());
  deps.keys.update({ pending: 'rotate' });
  rekeyDatabase(deps.db, deps.keys.databaseKeyHex(to));
  deps.keys.update({ database: to, current: to });
  const done = finishPendingKeyWork(deps);
  const rotation = { from, to, evidenceFiles: done?.files ?? 0 };
  deps.audit.append({ at: deps.clock().toISOString(), actor, type: 'store.key_rotated', payload: rotation });
  return rotation;
}
