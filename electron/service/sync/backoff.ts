/** How long to wait before retrying a remote call, and what a remote asked for. */

/** The retry schedule's limits; one place for both. */
export const RETRY_BASE_MS = 1_000;
export const RETRY_CAP_MS = 10 * 60_000;
/**
 * A remote that is down or failing is retried for this long before a row is given up to the
 * dead letters: a branch's link can be out for a weekend, and the attempts alone (RETRY_CAP_MS
 * apart at most) would run out in about an hour. A refusal (4xx) is a dead letter at once.
 */
export const RETRY_WINDOW_MS = 72 * 3_600_000;

/**
 * Exponential backoff with full jitter (a random wait between 0 and base × 2^(attempt-1),
 * capped): many workstations coming back online at once do not retry in lockstep.
 */
export function backoffMs(attempt: number, random: () => number = Math.random, baseMs: number = RETRY_BASE_MS, capMs: number = RETRY_CAP_MS): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(random() * ceiling);
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds from `now`; null when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now: Date): number | null {
  if (!header) return null;
  const v = header.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now.getTime());
}
