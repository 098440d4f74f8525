import type { Clock } from './Clock';

/**
 * Real time unless pinned. The demo seeder pins it to back-date the history it writes (so the
 * queue shows realistic ages), then releases it before anyone signs in.
 */
export class AdjustableClock {
  private pinned: Date | null = null;

  readonly now: Clock = () => (this.pinned ? new Date(this.pinned) : new Date());

  pin(at: Date | null): void {
    this.pinned = at;
  }
}
