import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WAL_CHECKPOINT_INTERVAL_MS } from '../../electron/service/db/WalCheckpointSchedule';
import { openTempService } from '../helpers/tempService';

describe('WAL checkpoints from a timer', () => {
  afterEach(() => vi.useRealTimers());

  it('folds the WAL back into the store every interval once schedules run, not inside a commit', async () => {
    vi.useFakeTimers();
    const t = openTempService();
    try {
      const { deps } = t.service;
      const write = () =>
        deps.db.transaction(() => {
          for (let i = 0; i < 500; i += 1) deps.audit.append({ at: new Date().toISOString(), actor: { id: null, name: 'test' }, type: 'api.request', payload: { i } });
        })();
      write();
      // Far below the automatic backstop: the commit left everything in the WAL.
      const frames = () => (deps.db.pragma('wal_checkpoint(PASSIVE)', { simple: false }) as { log: number; checkpointed: number }[])[0]!;
      expect(statSync(join(t.dataDir, 'kyc.sqlite-wal')).size).toBeGreaterThan(0);
      write();
      t.service.startSchedules();
      const spy = vi.spyOn(deps.db, 'pragma');
      vi.advanceTimersByTime(WAL_CHECKPOINT_INTERVAL_MS);
      expect(spy).toHaveBeenCalledWith('wal_checkpoint(PASSIVE)');
      spy.mockRestore();
      // Everything written is in the store file now: a further checkpoint has nothing left to copy.
      const after = frames();
      expect(after.checkpointed).toBe(after.log);
    } finally {
      vi.useRealTimers();
      await t.service.shutdown();
      rmSync(t.dataDir, { recursive: true, force: true });
    }
  });
});
