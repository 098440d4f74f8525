import { distribution, errorsAt, groupKFold, rate, thresholdAtFmr, type Distribution, type Rate } from './stats';

/**
 * Face verification figures from one score per image pair. Pure: the caller computes one
 * descriptor per image (the expensive part) and the similarity of each pair from those.
 */

export interface ScoredPair {
  a: string;
  b: string;
  personA: string;
  personB: string;
  /** The pair's score (a similarity), or null when either image gave no face (the pair is then rejected). */
  score: number | null;
}

/** Every unordered pair of distinct images: genuine when both show one person, impostor otherwise. */
export function allPairs<T, S = number | null>(images: readonly { file: string; person: string; value: T }[], score: (a: T, b: T) => S): (Omit<ScoredPair, 'score'> & { score: S })[] {
  const out: (Omit<ScoredPair, 'score'> & { score: S })[] = [];
  for (let i = 0; i < images.length; i++)
    for (let j = i + 1; j < images.length; j++) {
      const x = images[i]!, y = images[j]!;
      out.push({ a: x.file, b: y.file, personA: x.person, personB: y.person, score: score(x.value, y.value) });
    }
  return out;
}

export const isGenuine = (p: ScoredPair) => p.personA === p.personB;

export interface FaceOperatingPoint {
  threshold: number;
  fmr: Rate;
  fnmr: Rate;
}

export interface FaceAllPairsReport {
  genuine_pairs: number;
  impostor_pairs: number;
  /** Pairs in which either image gave no face. */
  failures_to_detect: number;
  genuine: Distribution;
  impostor: Distribution;
  at_thresholds: FaceOperatingPoint[];
  fmr_target: number;
  /** The lowest threshold with FMR <= fmr_target over every impostor pair (in-sample). */
  threshold_at_target: FaceOperatingPoint;
}

export function faceAllPairsReport(pairs: readonly ScoredPair[], thresholds: readonly number[], fmrTarget: number): FaceAllPairsReport {
  const genuine = pairs.filter(isGenuine).map((p) => p.score);
  const impostor = pairs.filter((p) => !isGenuine(p)).map((p) => p.score);
  const at = (t: number): FaceOperatingPoint => ({ threshold: t, ...errorsAt(genuine, impostor, t) });
  return {
    genuine_pairs: genuine.length,
    impostor_pairs: impostor.length,
    failures_to_detect: pairs.filter((p) => p.score === null).length,
    genuine: distribution(genuine),
    impostor: distribution(impostor),
    at_thresholds: thresholds.map(at),
    fmr_target: fmrTarget,
    threshold_at_target: at(thresholdAtFmr(impostor, fmrTarget)),
  };
}

export interface FaceCrossValidation {
  folds: number;
  fmr_target: number;
  /** The threshold chosen on each fold's training persons. */
  thresholds: number[];
  /** Pooled over the held-out folds. */
  fmr: Rate;
  fnmr: Rate;
}

/**
 * Cross-validated FMR/FNMR grouped by person. For each fold of persons, the threshold (and, with
 * `refit`, the score itself) is chosen
 * at the FMR target on impostor pairs among the other folds' persons only, then applied to the
 * held-out pairs: genuine pairs of a held-out person, and impostor pairs with at least one
 * held-out person (a pair spanning two held-out folds is scored once, in the lower fold). No
 * held-out pair was used in choosing its threshold.
 */
export function crossValidateFaces<P extends ScoredPair>(
  pairs: readonly P[],
  k: number,
  fmrTarget: number,
  seed = 1,
  /** For a score fitted on data (the fused score's normalisation): refits it on a fold's training impostor pairs. */
  refit?: (trainImpostors: readonly P[]) => (p: P) => number | null,
): FaceCrossValidation {
  const persons = [...new Set(pairs.flatMap((p) => [p.personA, p.personB]))].sort();
  const foldList = groupKFold(persons, k, seed);
  const foldOf = new Map(persons.map((p, i) => [p, foldList[i]!]));
  const folds = Math.max(0, ...foldList) + 1;
  const thresholds: number[] = [];
  let fm = 0, im = 0, fnm = 0, gm = 0;
  for (let f = 0; f < folds; f++) {
    const fa = (p: ScoredPair) => foldOf.get(p.personA)!;
    const fb = (p: ScoredPair) => foldOf.get(p.personB)!;
    const trainImpostors = pairs.filter((p) => !isGenuine(p) && fa(p) !== f && fb(p) !== f);
    const score = refit ? refit(trainImpostors) : (p: P) => p.score;
    const t = thresholdAtFmr(trainImpostors.map(score), fmrTarget);
    thresholds.push(t);
    for (const p of pairs) {
      const s = score(p);
      const accepted = s !== null && s >= t;
      if (isGenuine(p)) {
        if (fa(p) !== f) continue;
        gm++;
        if (!accepted) fnm++;
      } else {
        const inF = fa(p) === f || fb(p) === f;
        const other = fa(p) === f ? fb(p) : fa(p);
        // Scored once: in this fold when the other person is in this fold or a later one.
        if (!inF || other < f) continue;
        im++;
        if (accepted) fm++;
      }
    }
  }
  return { folds, fmr_target: fmrTarget, thresholds, fmr: rate(fm, im), fnmr: rate(fnm, gm) };
}

/** Thresholds at which FMR/FNMR are tabulated, around the shipped threshold (shared/faceCalibration.ts). */
export const FACE_REPORT_THRESHOLDS = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7];
