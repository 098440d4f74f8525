import { RepeatingTimer } from '../core/repeatingTimer';
import type { Db } from './openDatabase';

/** How often the running service folds the WAL back into the store. */
export const WAL_CHECKPOINT_INTERVAL_MS = 30_000;

/**
 * Checkpoints the WAL from a timer instead of inside a write. With encryption each checkpoint
 * opens and seals every page it copies, and SQLite's automatic checkpoint ran it inside
 * whichever commit crossed the threshold: that commit took a whole checkpoint's time (the audit
 * append rate fell below its target). PASSIVE never waits for readers; what it cannot copy yet
 * goes at the next tick, and openDatabase keeps a large automatic threshold as a backstop.
 */
export class WalCheckpointSchedule {
  private readonly timer: RepeatingTimer;

  constructor(db: Db) {
    this.timer = new RepeatingTimer(() => {
      if (db.open) db.pragma('wal_checkpoint(PASSIVE)');
    }, WAL_CHECKPOINT_INTERVAL_MS);
  }

  start(): void {
    this.timer.start(WAL_CHECKPOINT_INTERVAL_MS);
  }

  stop(): void {
    this.timer.stop();
  }
}
