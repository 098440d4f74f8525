import type { PurgeOutcome } from '../../../shared/schemas/retention';
import type { ServiceDeps } from '../core/ServiceDeps';
import { readSettings } from '../settings/readSettings';
import { DAY_MS, RepeatingTimer } from '../core/repeatingTimer';
import { purgeDueCases } from './purgeDueCases';
import { SYSTEM_ACTOR_NAMES } from '../../../shared/systemActors';

/** The first run waits a little, so start-up (and the first sign-in) is not slowed by a purge. */
const FIRST_RUN_DELAY_MS = 60_000;

export const SCHEDULE_ACTOR = { id: null, name: SYSTEM_ACTOR_NAMES.retention } as const;

/**
 * Runs the retention purge once a day while the admin setting `retentionAutoPurge` is on. Each
 * run is the same purge an admin starts by hand (same rules, holds, tombstones and audit), acting
 * as "retention schedule". Logs counts only, never who was purged.
 */
export class RetentionSchedule {
  private readonly timer: RepeatingTimer;

  constructor(
    private readonly deps: ServiceDeps,
    intervalMs = DAY_MS,
  ) {
    this.timer = new RepeatingTimer(() => this.runIfEnabled(), intervalMs);
  }

  start(firstDelayMs = FIRST_RUN_DELAY_MS): void {
    this.timer.start(firstDelayMs);
  }

  stop(): void {
    this.timer.stop();
  }

  /** One scheduled run; null when the setting is off or the store is closed. */
  runIfEnabled(): PurgeOutcome | null {
    if (!this.deps.db.open || !readSettings(this.deps.settings).retentionAutoPurge) return null;
    try {
      const outcome = purgeDueCases(this.deps, { now: this.deps.clock(), actor: SCHEDULE_ACTOR, note: 'scheduled retention run' });
      this.deps.log.info('retention.scheduled', { purged: outcome.purged.length, skipped: outcome.skipped.length });
      return outcome;
    } catch (e) {
      // A failed run is retried tomorrow; the service keeps serving.
      this.deps.log.error('retention.scheduled_failed', { error: e instanceof Error ? e.name : 'unknown' });
      return null;
    }
  }
}
