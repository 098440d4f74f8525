/**
 * Pure statistics for `npm run eval` and `npm run calibrate`: confidence intervals, grouped
 * k-fold splits, threshold choice (at an FMR target, or for accuracy) and score summaries.
 * No I/O and no engine here, so every function is unit-tested on synthetic numbers
 * (test/analysis/evalStats.test.ts).
 */

import { rate, type Rate } from '../../../../shared/errorRate';

// The rate itself is shared with the case page and PDF, which state measured error rates too.
export { rate, wilson, Z95, type Rate } from '../../../../shared/errorRate';

/** "0.946 [0.913, 0.967] (264/279)": the form every rate is printed in. */
export function formatRate(r: Rate, digits = 3): string {
  if (r.rate === null) return `n/a (0/0)`;
  return `${r.rate.toFixed(digits)} [${r.ci95[0].toFixed(digits)}, ${r.ci95[1].toFixed(digits)}] (${r.k}/${r.n})`;
}

/** Small deterministic PRNG (mulberry32) so fold assignment is reproducible run to run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Grouped k-fold: every item of a group lands in the same fold, so a document, person, clip or
 * source image is never on both sides of a split (otherwise near-duplicates leak the answer).
 * Groups are shuffled with `seed`, then dealt largest first to the fold with the fewest items,
 * which keeps the folds balanced when groups differ in size. k is capped at the group count.
 * Returns the fold index of each item, in input order.
 */
export function groupKFold(groups: readonly string[], k: number, seed = 1): number[] {
  const distinct = [...new Set(groups)];
  const folds = Math.max(1, Math.min(k, distinct.length));
  const rnd = mulberry32(seed);
  // Fisher-Yates on the distinct groups, then a stable sort by size (ties keep the shuffle).
  for (let i = distinct.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [distinct[i], distinct[j]] = [distinct[j]!, distinct[i]!];
  }
  const size = new Map<string, number>();
  for (const g of groups) size.set(g, (size.get(g) ?? 0) + 1);
  distinct.sort((a, b) => size.get(b)! - size.get(a)!);
  const load = new Array<number>(folds).fill(0);
  const foldOf = new Map<string, number>();
  for (const g of distinct) {
    let best = 0;
    for (let f = 1; f < folds; f++) if (load[f]! < load[best]!) best = f;
    foldOf.set(g, best);
    load[best]! += size.get(g)!;
  }
  return groups.map((g) => foldOf.get(g)!);
}

/** Threshold values are reported on this grid (the policy's thresholds are short decimals). */
export const THRESHOLD_STEP = 0.001;

/**
 * The lowest threshold t on the THRESHOLD_STEP grid such that accepting `score >= t` accepts at
 * most floor(target * n) of the n impostor scores, i.e. FMR <= target. Scores of null (no face
 * found) are never accepted, so they count in n but can never be false matches. Lowest, because
 * among thresholds meeting the FMR target the lowest has the lowest FNMR.
 */
export function thresholdAtFmr(impostorScores: readonly (number | null)[], target: number): number {
  const n = impostorScores.length;
  const allowed = Math.floor(target * n + 1e-9);
  const s = impostorScores.filter((x): x is number => x !== null).sort((a, b) => b - a);
  // Everything may be accepted: the grid's lowest threshold.
  if (allowed >= s.length) return 0;
  // The (allowed+1)-th highest impostor must be rejected: t strictly above it.
  const mustReject = s[allowed]!;
  let t = Math.ceil(mustReject / THRESHOLD_STEP) * THRESHOLD_STEP;
  if (t <= mustReject) t += THRESHOLD_STEP;
  return round(t, 6);
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/** False matches and false non-matches at threshold t (null = no face: rejected). */
export function errorsAt(genuine: readonly (number | null)[], impostor: readonly (number | null)[], t: number): { fmr: Rate; fnmr: Rate } {
  const acc = (x: number | null) => x !== null && x >= t;
  return {
    fmr: rate(impostor.filter(acc).length, impostor.length),
    fnmr: rate(genuine.filter((x) => !acc(x)).length, genuine.length),
  };
}

/**
 * The threshold that classifies the most training items right, for a rule `positive iff
 * score >= t`. Candidates are midpoints between consecutive distinct scores plus the ends;
 * among ties the one closest to `prefer` (the shipped value) wins, so a training fold that
 * cannot tell thresholds apart leaves the shipped choice alone.
 */
export function bestAccuracyThreshold(items: readonly { score: number; positive: boolean }[], prefer: number): number {
  const xs = [...new Set(items.map((i) => i.score))].sort((a, b) => a - b);
  const cands = [prefer];
  if (xs.length) cands.push(xs[0]! - 1e-6, xs[xs.length - 1]! + 1e-6);
  for (let i = 1; i < xs.length; i++) cands.push((xs[i - 1]! + xs[i]!) / 2);
  let best = prefer, bestOk = -1;
  for (const t of cands) {
    const ok = items.filter((i) => (i.score >= t) === i.positive).length;
    if (ok > bestOk || (ok === bestOk && Math.abs(t - prefer) < Math.abs(best - prefer))) {
      best = t;
      bestOk = ok;
    }
  }
  return best;
}

/**
 * Cross-validated accuracy of a one-threshold rule: for each fold, the threshold is chosen on
 * the other folds and the fold's items are scored with it. Returns the pooled held-out rate
 * and the threshold chosen per fold (their spread shows how stable the choice is).
 */
export function crossValidateThreshold(
  items: readonly { group: string; score: number; positive: boolean }[],
  k: number,
  prefer: number,
  seed = 1,
): { correct: Rate; thresholds: number[]; folds: number } {
  const fold = groupKFold(
    items.map((i) => i.group),
    k,
    seed,
  );
  const folds = Math.max(0, ...fold) + 1;
  let ok = 0;
  const thresholds: number[] = [];
  for (let f = 0; f < folds; f++) {
    const train = items.filter((_, i) => fold[i] !== f);
    const t = bestAccuracyThreshold(train, prefer);
    thresholds.push(round(t, 4));
    ok += items.filter((it, i) => fold[i] === f && (it.score >= t) === it.positive).length;
  }
  return { correct: rate(ok, items.length), thresholds, folds };
}

/** Quantile by linear interpolation between order statistics (type 7, as numpy's default). */
export function quantile(sorted: readonly number[], q: number): number {
  if (!sorted.length) return NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export interface Distribution {
  n: number;
  /** Items with no score (no face found). */
  missing: number;
  min: number | null;
  q01: number | null;
  q05: number | null;
  q25: number | null;
  median: number | null;
  q75: number | null;
  q95: number | null;
  q99: number | null;
  max: number | null;
  /** Counts per bin of width `binWidth` from 0 (bin i covers [i*w, (i+1)*w); 1.0 goes in the last). */
  histogram: number[];
  binWidth: number;
}

export function distribution(scores: readonly (number | null)[], binWidth = 0.05): Distribution {
  const s = scores.filter((x): x is number => x !== null).sort((a, b) => a - b);
  const q = (p: number) => (s.length ? round(quantile(s, p), 4) : null);
  const bins = Math.round(1 / binWidth);
  const histogram = new Array<number>(bins).fill(0);
  for (const x of s) histogram[Math.min(bins - 1, Math.max(0, Math.floor(x / binWidth + 1e-9)))]!++;
  return {
    n: scores.length,
    missing: scores.length - s.length,
    min: q(0),
    q01: q(0.01),
    q05: q(0.05),
    q25: q(0.25),
    median: q(0.5),
    q75: q(0.75),
    q95: q(0.95),
    q99: q(0.99),
    max: q(1),
    histogram,
    binWidth,
  };
}
