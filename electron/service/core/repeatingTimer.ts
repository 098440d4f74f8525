export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;

/**
 * Runs `run` once after `firstDelayMs`, then every `intervalMs`, until `stop`. The service's
 * scheduled work (retention purge, application expiry) shares it. Its timers are unref'd, so a
 * schedule never keeps the process alive on its own.
 */
export class RepeatingTimer {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly run: () => void,
    private readonly intervalMs: number,
  ) {}

  start(firstDelayMs: number): void {
    if (this.timer) return;
    const tick = (delay: number) => {
      this.timer = setTimeout(() => {
        this.run();
        tick(this.intervalMs);
      }, delay);
      this.timer.unref();
    };
    tick(firstDelayMs);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
