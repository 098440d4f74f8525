import type { ServiceDeps } from '../core/ServiceDeps';
import { SYSTEM_ACTOR_NAMES } from '../../../shared/systemActors';

/**
 * Finishes what the key ring says is unfinished: seals every evidence file still in plaintext
 * (a store being encrypted) or under a retired key (a rotation), then forgets retired keys.
 * Each file is rewritten durably and the pass is idempotent, so a crash part way is finished
 * by the next open. Returns what was done, or null when nothing was pending.
 */
export function finishPendingKeyWork(deps: Pick<ServiceDeps, 'keys' | 'evidenceFiles' | 'audit' | 'clock'>): { pending: 'encrypt' | 'rotate'; files: number } | null {
  const pending = deps.keys.pending;
  if (!pending) return null;
  // A rotation cut short after the store was re-keyed: its new key becomes the current one.
  if (pending === 'rotate' && deps.keys.database !== deps.keys.current) deps.keys.update({ current: deps.keys.database });
  let files = 0;
  for (const e of deps.evidenceFiles.entries()) {
    if (e.sha256 && deps.evidenceFiles.reseal(e.sha256)) files += 1;
  }
  deps.keys.retire(deps.keys.ids().filter((id) => id !== deps.keys.current));
  deps.keys.update({ pending: null });
  if (pending === 'encrypt') {
    deps.audit.append({ at: deps.clock().toISOString(), actor: { id: null, name: SYSTEM_ACTOR_NAMES.system }, type: 'store.encrypted', payload: { keyId: deps.keys.current, evidenceFiles: files } });
  }
  return { pending, files };
}
