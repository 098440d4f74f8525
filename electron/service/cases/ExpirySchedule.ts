import type { ServiceDeps } from '../core/ServiceDeps';
import { HOUR_MS, RepeatingTimer } from '../core/repeatingTimer';
import { expireStaleApplications, type ExpiryOutcome } from './expireApplications';
import { discardIdleApplications, type IdleDiscardOutcome } from '../intake/discardIdleApplications';

/** The first run waits a little, so start-up (and the first sign-in) is not slowed by it. */
const FIRST_RUN_DELAY_MS = 60_000;
/**
 * Cases expired per batch. A store opened after a long pause (or a migrated one) can hold
 * thousands of due applications; between batches the event loop serves requests, so the
 * catch-up never stalls the workstation for more than a few milliseconds at a time.
 */
export const EXPIRY_BATCH = 200;

/**
 * Expires applications left unfinished past the policy's applicationExpiryDays, and discards
 * those that never got a profile (discardIdleApplications.ts). Hourly rather than daily, so an
 * application expires within the hour of its due time; a run that finds nothing due costs two
 * indexed queries. Logs counts only, never whose application expired.
 */
export class ExpirySchedule {
  private readonly timer: RepeatingTimer;
  private draining: Promise<number> | null = null;

  constructor(
    private readonly deps: ServiceDeps,
    intervalMs = HOUR_MS,
    private readonly batchSize = EXPIRY_BATCH,
  ) {
    this.timer = new RepeatingTimer(() => void this.drain(), intervalMs);
  }

  start(firstDelayMs = FIRST_RUN_DELAY_MS): void {
    this.timer.start(firstDelayMs);
  }

  stop(): void {
    this.timer.stop();
  }

  /** One batch; null when the store is closed or the run failed. */
  runBatch(): ExpiryOutcome | null {
    return this.guarded('expiry.scheduled_failed', () => expireStaleApplications(this.deps, this.deps.clock(), this.batchSize));
  }

  /** One batch of idle applications without a profile; null when the store is closed or the run failed. */
  runDiscardBatch(): IdleDiscardOutcome | null {
    return this.guarded('expiry.discard_failed', () => discardIdleApplications(this.deps, this.deps.clock(), this.batchSize));
  }

  private guarded<T>(failure: string, run: () => T): T | null {
    if (!this.deps.db.open) return null;
    try {
      return run();
    } catch (e) {
      // A failed run is retried at the next tick; the service keeps serving.
      this.deps.log.error(failure, { error: e instanceof Error ? e.name : 'unknown' });
      return null;
    }
  }

  /** Batches until nothing more is due, yielding to the event loop between them; the number expired. */
  drain(): Promise<number> {
    this.draining ??= (async () => {
      const expired = await this.batches(() => this.runBatch(), (b) => b.expired.length);
      const discarded = await this.batches(() => this.runDiscardBatch(), (b) => b.discarded.length);
      if (expired || discarded) this.deps.log.info('expiry.scheduled', { expired, discarded });
      return expired;
    })().finally(() => {
      this.draining = null;
    });
    return this.draining;
  }

  private async batches<B extends { due: number }>(run: () => B | null, moved: (batch: B) => number): Promise<number> {
    let total = 0;
    for (;;) {
      const batch = run();
      if (!batch) break;
      total += moved(batch);
      // A short batch was the last; one where nothing moved would only repeat itself.
      if (batch.due < this.batchSize || moved(batch) === 0) break;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return total;
  }
}
