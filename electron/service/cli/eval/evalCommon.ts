import { readFileSync } from 'node:fs';
import type { Rate } from './stats';

/** What the sections evaluate.ts scores share: the cross-validation settings, the --details line, the interval rounding and the fixture readers. */

/** Folds for every cross-validated figure (capped at the number of groups). */
export const FOLDS = 5;
/** Fold assignment is seeded so two runs on one folder give the same figures. */
export const CV_SEED = 1;

interface DetailLine {
  section: string;
  id: string;
  expected: unknown;
  predicted: unknown;
  score: number | null;
  ms: number | null;
  [extra: string]: unknown;
}
export type Details = (line: DetailLine) => void;
/** Each rate key of the contract gets its interval beside it as `<key>_ci95`. */
export const ci = (r: Rate) => r.ci95.map((x) => Math.round(x * 10000) / 10000) as [number, number];
export const median = (xs: number[]) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
};
export const read = (p: string) => new Uint8Array(readFileSync(p));

/**
 * One item's engine call, its failure kept rather than thrown: a file that is missing or that the
 * engine refuses (not an image, not a video) is scored as the engine returning nothing for it, and
 * the rest of the set is still scored. Without this, one bad file in a folder lost the whole run's
 * figures.
 */
export async function attempt<T>(run: () => Promise<T>): Promise<{ value: T; error: null } | { value: null; error: string }> {
  try {
    return { value: await run(), error: null };
  } catch (e) {
    return { value: null, error: e instanceof Error ? e.message : String(e) };
  }
}
export const json = <T>(p: string) => JSON.parse(readFileSync(p, 'utf8')) as T;
