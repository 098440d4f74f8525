import { groupKFold, rate, type Rate } from './stats';

/**
 * Cross-validation of the capture-quality limits. The product's decision is "acceptable iff
 * every measure passes its policy limit", so the eval can re-decide an image from its measured
 * values with other limits, without re-measuring.
 */

export interface QualityItem {
  /** The clean specimen the capture was made from: the grouping unit, so the clean and the
   * degraded copies of one document are never on both sides of a split. */
  group: string;
  acceptable: boolean;
  measures: { name: string; value: number; threshold: number; passWhen: '>=' | '<=' }[];
}

export type Limits = Record<string, number>;

const passes = (m: QualityItem['measures'][number], limits: Limits) => {
  const t = limits[m.name] ?? m.threshold;
  return m.passWhen === '>=' ? m.value >= t : m.value <= t;
};
export const decide = (i: QualityItem, limits: Limits) => i.measures.every((m) => passes(m, limits));

/**
 * Limits fitted to the training items by one pass of coordinate search from the shipped limits:
 * each measure in turn takes the candidate (the shipped limit, or a midpoint between training
 * values) that classifies the most training items right with the others fixed; ties keep the
 * value closest to the shipped one, so a measure the training set cannot inform stays shipped.
 */
export function fitLimits(train: readonly QualityItem[], shipped: Limits): Limits {
  const limits = { ...shipped };
  const names = [...new Set(train.flatMap((i) => i.measures.map((m) => m.name)))];
  for (const name of names) {
    const values = [...new Set(train.flatMap((i) => i.measures.filter((m) => m.name === name).map((m) => m.value)))].sort((a, b) => a - b);
    const base = shipped[name] ?? train.flatMap((i) => i.measures).find((m) => m.name === name)!.threshold;
    const cands = [base];
    for (let k = 1; k < values.length; k++) cands.push((values[k - 1]! + values[k]!) / 2);
    let best = base, bestOk = -1;
    for (const c of cands) {
      const trial = { ...limits, [name]: c };
      const ok = train.filter((i) => decide(i, trial) === i.acceptable).length;
      if (ok > bestOk || (ok === bestOk && Math.abs(c - base) < Math.abs(best - base))) {
        best = c;
        bestOk = ok;
      }
    }
    limits[name] = best;
  }
  return limits;
}

export function crossValidateQuality(items: readonly QualityItem[], shipped: Limits, k: number, seed = 1): { correct: Rate; folds: number; limits: Limits[] } {
  const fold = groupKFold(
    items.map((i) => i.group),
    k,
    seed,
  );
  const folds = Math.max(0, ...fold) + 1;
  let ok = 0;
  const limits: Limits[] = [];
  for (let f = 0; f < folds; f++) {
    const l = fitLimits(
      items.filter((_, i) => fold[i] !== f),
      shipped,
    );
    limits.push(Object.fromEntries(Object.entries(l).map(([n, v]) => [n, Number(v.toPrecision(4))])));
    ok += items.filter((it, i) => fold[i] === f && decide(it, l) === it.acceptable).length;
  }
  return { correct: rate(ok, items.length), folds, limits };
}
