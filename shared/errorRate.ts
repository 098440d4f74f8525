/**
 * A measured rate with its 95% confidence interval: how eval, calibrate, the case page and the
 * case PDF state every error rate, so "0 of 40" is never read as "never".
 */

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

export interface Rate {
  /** Successes (for an error rate: errors). */
  k: number;
  n: number;
  /** k / n; null when n = 0 (no rate can be stated). */
  rate: number | null;
  /** 95% Wilson score interval; [0, 1] when n = 0 (nothing is known). */
  ci95: [number, number];
}

/**
 * Wilson score interval for k successes in n trials. Chosen over the normal (Wald) interval
 * because it stays inside [0, 1] and is honest at the edges: 2 of 2 gives [0.34, 1], not [1, 1].
 */
export function wilson(k: number, n: number, z = Z95): [number, number] {
  if (!Number.isInteger(k) || !Number.isInteger(n) || k < 0 || n < 0 || k > n) throw new Error(`wilson: need integers 0 <= k <= n, got ${k} of ${n}`);
  if (n === 0) return [0, 1];
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  // At k = 0 or k = n the bound is exactly 0 or 1; rounding would otherwise leave 1e-17 off.
  const lo = k === 0 ? 0 : Math.max(0, centre - half);
  const hi = k === n ? 1 : Math.min(1, centre + half);
  return [lo, hi];
}

export function rate(k: number, n: number): Rate {
  return { k, n, rate: n ? k / n : null, ci95: wilson(k, n) };
}

/** "0.05% [0.01%, 0.30%] (1/1880)": a rate as a percentage, for people rather than scripts. */
export function formatPercentRate(r: Rate, digits = 2): string {
  if (r.rate === null) return 'n/a (0/0)';
  const p = (x: number) => `${(x * 100).toFixed(digits)}%`;
  return `${p(r.rate)} [${p(r.ci95[0])}, ${p(r.ci95[1])}] (${r.k}/${r.n})`;
}
