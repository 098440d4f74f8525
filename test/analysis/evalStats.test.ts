import { describe, expect, it } from 'vitest';
import {
  bestAccuracyThreshold,
  crossValidateThreshold,
  distribution,
  errorsAt,
  formatRate,
  groupKFold,
  rate,
  thresholdAtFmr,
  wilson,
} from '../../electron/service/cli/eval/stats';
import { allPairs, crossValidateFaces, faceAllPairsReport, isGenuine } from '../../electron/service/cli/eval/faceStats';
import { crossValidateQuality, decide, fitLimits, type QualityItem } from '../../electron/service/cli/eval/qualityCv';

describe('Wilson 95% interval', () => {
  it('matches published values', () => {
    // Reference values: Newcombe (1998), Table I, and any Wilson calculator (z = 1.96).
    const [lo1, hi1] = wilson(2, 2);
    expect(lo1).toBeCloseTo(0.3424, 4);
    expect(hi1).toBe(1);
    const [lo2, hi2] = wilson(0, 10);
    expect(lo2).toBe(0);
    expect(hi2).toBeCloseTo(0.2775, 4);
    const [lo3, hi3] = wilson(5, 10);
    expect(lo3).toBeCloseTo(0.2366, 4);
    expect(hi3).toBeCloseTo(0.7634, 4);
  });

  it('says nothing is known at n = 0 and refuses impossible counts', () => {
    expect(wilson(0, 0)).toEqual([0, 1]);
    expect(rate(0, 0).rate).toBeNull();
    expect(() => wilson(3, 2)).toThrow();
    expect(() => wilson(-1, 2)).toThrow();
  });

  it('prints the rate with its interval and counts', () => {
    expect(formatRate(rate(2, 2))).toBe('1.000 [0.342, 1.000] (2/2)');
  });
});

describe('grouped k-fold', () => {
  const groups = ['a', 'a', 'a', 'b', 'b', 'c', 'd', 'd', 'e', 'f', 'f', 'f', 'f'];

  it('never splits a group across folds', () => {
    const fold = groupKFold(groups, 3, 7);
    const foldOf = new Map<string, number>();
    groups.forEach((g, i) => {
      if (foldOf.has(g)) expect(fold[i]).toBe(foldOf.get(g));
      foldOf.set(g, fold[i]!);
    });
    expect(new Set(fold).size).toBe(3);
  });

  it('balances folds, is reproducible for a seed, and caps k at the number of groups', () => {
    const fold = groupKFold(groups, 3, 7);
    const sizes = [0, 1, 2].map((f) => fold.filter((x) => x === f).length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(2);
    expect(groupKFold(groups, 3, 7)).toEqual(fold);
    expect(new Set(groupKFold(['x', 'x', 'y'], 5)).size).toBe(2);
  });
});

describe('threshold at an FMR target', () => {
  // 1000 impostor scores 0.000 .. 0.999; at 0.1% one may be accepted.
  const impostor = Array.from({ length: 1000 }, (_, i) => i / 1000);

  it('accepts at most floor(target * n) impostors and is the lowest such grid threshold', () => {
    const t = thresholdAtFmr(impostor, 0.001);
    expect(t).toBeCloseTo(0.999, 9);
    expect(impostor.filter((s) => s >= t).length).toBe(1);
    expect(impostor.filter((s) => s >= t - 0.001).length).toBe(2);
    const t1 = thresholdAtFmr(impostor, 0.01);
    expect(impostor.filter((s) => s >= t1).length).toBe(10);
  });

  it('lands strictly above a score that must be rejected, counts missing faces as rejected', () => {
    expect(thresholdAtFmr([0.42, 0.3, null, null], 0)).toBeCloseTo(0.421, 9);
    expect(thresholdAtFmr([null, null], 0)).toBe(0);
    const e = errorsAt([0.9, 0.4, null], [0.5, null], 0.5);
    expect(e.fnmr.k).toBe(2);
    expect(e.fmr.k).toBe(1);
  });
});

describe('accuracy threshold and its cross-validation', () => {
  it('picks a separating threshold and prefers the shipped value among ties', () => {
    const items = [0.1, 0.2, 0.3].map((score) => ({ score, positive: false })).concat([0.7, 0.8].map((score) => ({ score, positive: true })));
    const t = bestAccuracyThreshold(items, 0.5);
    expect(t).toBe(0.5);
    const t2 = bestAccuracyThreshold(items, 0.95);
    expect(items.every((i) => (i.score >= t2) === i.positive)).toBe(true);
  });

  it('scores each fold with a threshold chosen without it', () => {
    // A lone positive with a low score: on its fold the threshold comes from the others and misses it.
    const items = [
      ...[0.1, 0.2, 0.3, 0.35].map((score, i) => ({ group: `n${i}`, score, positive: false })),
      ...[0.7, 0.8, 0.9].map((score, i) => ({ group: `p${i}`, score, positive: true })),
      { group: 'odd', score: 0.32, positive: true },
    ];
    const cv = crossValidateThreshold(items, 8, 0.5);
    expect(cv.folds).toBe(8);
    expect(cv.correct.n).toBe(8);
    expect(cv.correct.k).toBeLessThan(8);
  });
});

describe('face figures on synthetic scores', () => {
  // 4 persons x 3 images on a line: same person near, different persons far.
  const images = ['A', 'B', 'C', 'D'].flatMap((p, i) => [0, 1, 2].map((j) => ({ file: `${p}${j}`, person: p, value: i + j * 0.01 })));
  const pairs = allPairs(images, (a, b) => Math.max(0, 1 - Math.abs(a - b) / 2));

  it('forms every pair once, genuine and impostor', () => {
    expect(pairs.length).toBe(66);
    expect(pairs.filter(isGenuine).length).toBe(12);
  });

  it('reports the threshold at the FMR target over all impostor pairs, with its FNMR', () => {
    const r = faceAllPairsReport(pairs, [0.3, 0.5, 0.7], 0.001);
    expect(r.impostor_pairs).toBe(54);
    expect(r.threshold_at_target.fmr.k).toBe(0);
    expect(r.threshold_at_target.fnmr.k).toBe(0);
    expect(r.genuine.min).toBeGreaterThan(r.impostor.max!);
    expect(r.genuine.histogram.reduce((a, b) => a + b, 0)).toBe(12);
  });

  it('cross-validates by person: every pair scored once, thresholds from training persons only', () => {
    const cv = crossValidateFaces(pairs, 4, 0.001);
    expect(cv.folds).toBe(4);
    expect(cv.fnmr.n).toBe(12);
    expect(cv.fmr.n).toBe(54);
    expect(cv.fmr.k).toBe(0);
    expect(distribution([null, 0.5]).missing).toBe(1);
  });
});

describe('quality limits cross-validation', () => {
  const item = (group: string, blur: number, acceptable: boolean): QualityItem => ({ group, acceptable, measures: [{ name: 'sharpness', value: blur, threshold: 0.45, passWhen: '<=' }] });

  it('keeps the shipped limit when it already separates, and refits one that does not', () => {
    const ok = [item('a', 0.2, true), item('a', 0.6, false), item('b', 0.3, true), item('b', 0.7, false)];
    expect(fitLimits(ok, {}).sharpness).toBe(0.45);
    const shifted = [item('a', 0.5, true), item('a', 0.7, false), item('b', 0.52, true), item('b', 0.8, false)];
    const l = fitLimits(shifted, {});
    expect(shifted.every((i) => decide(i, l) === i.acceptable)).toBe(true);
    const cv = crossValidateQuality(shifted, {}, 2);
    expect(cv.folds).toBe(2);
    expect(cv.correct.n).toBe(4);
  });
});
