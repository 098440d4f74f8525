import type { BreakerState } from '../../../shared/schemas/sync';

/** Consecutive failures that open a connector's breaker, and how long it stays open. */
export const BREAKER_FAILURES = 5;
export const BREAKER_COOLDOWN_MS = 30_000;

/**
 * One per connector. After `failures` failures in a row the breaker opens and the runner stops
 * calling that remote until the cooldown has passed; then one trial call (half-open) decides:
 * success closes it, failure opens it again. A down remote costs one call per cooldown, not
 * one per queued row.
 */
export class CircuitBreaker {
  private consecutive = 0;
  private openedAt: number | null = null;
  private trialInFlight = false;

  constructor(
    private readonly now: () => number,
    private readonly failures = BREAKER_FAILURES,
    private readonly cooldownMs = BREAKER_COOLDOWN_MS,
  ) {}

  get state(): BreakerState {
    if (this.openedAt === null) return 'closed';
    return this.now() - this.openedAt >= this.cooldownMs ? 'half_open' : 'open';
  }

  /** Whether a call may go out now; in half-open only one trial at a time. */
  allow(): boolean {
    const s = this.state;
    if (s === 'closed') return true;
    if (s === 'open' || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  /** When an open breaker lets a trial through. */
  reopensAt(): number | null {
    return this.openedAt === null ? null : this.openedAt + this.cooldownMs;
  }

  success(): void {
    this.consecutive = 0;
    this.openedAt = null;
    this.trialInFlight = false;
  }

  failure(): void {
    this.trialInFlight = false;
    this.consecutive += 1;
    if (this.openedAt !== null || this.consecutive >= this.failures) this.openedAt = this.now();
  }
}
