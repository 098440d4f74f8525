import jaroWinkler from 'talisman/metrics/jaro-winkler.js';
import { skeleton } from './nameTokens';

/** Below this a token pair counts as no match at all (Jaro-Winkler gives unrelated short words ~0.5). */
const TOKEN_FLOOR = 0.75;
/**
 * How much the share of the query's tokens that found a partner weighs against the share of the
 * entry name's: a screened name may lack a middle name the list gives, and the reverse costs more.
 */
export const QUERY_WEIGHT = 0.7;
/**
 * A match of consonant skeletons is weaker evidence than a match of spellings: many names share
 * a skeleton (mhmd, hsn), so it counts for this much of a spelling match.
 */
const SKELETON_WEIGHT = 0.9;

/**
 * Similarity of two tokens, 0 or TOKEN_FLOOR..1: Jaro-Winkler on the spellings and, for a query
 * written in an abjad (Arabic, Hebrew: romanised as consonants only), on the consonant skeletons.
 */
export function tokenSimilarity(a: string, b: string, abjad: boolean): number {
  if (a === b) return 1;
  // talisman's pure function, not a library that caches results under a 32-bit hash of the
  // strings: a collision there returned another pair's similarity (scores changed run to run).
  const direct = jaroWinkler.similarity(a, b);
  const sk = abjad ? SKELETON_WEIGHT * jaroWinkler.similarity(skeleton(a), skeleton(b)) : 0;
  const best = Math.max(direct, sk);
  return best >= TOKEN_FLOOR ? best : 0;
}

/**
 * Similarity of a query's tokens with a name's, 0..1: each query token is paired with at most
 * one name token (best pairs first), so word order does not matter; unpaired tokens on either
 * side lower the score. `sim(i, j)` is the similarity of query token i and name token j.
 */
export function nameScore(queryLength: number, nameLength: number, sim: (i: number, j: number) => number): number {
  if (!queryLength || !nameLength) return 0;
  const pairs: { i: number; j: number; s: number }[] = [];
  for (let i = 0; i < queryLength; i += 1) {
    for (let j = 0; j < nameLength; j += 1) {
      const s = sim(i, j);
      if (s > 0) pairs.push({ i, j, s });
    }
  }
  pairs.sort((x, y) => y.s - x.s);
  let usedQ = 0;
  let usedN = 0;
  let sum = 0;
  for (const p of pairs) {
    // Names and queries have few tokens: bit sets are enough (and a name of over 31 tokens is cut there).
    const bq = 1 << Math.min(p.i, 30);
    const bn = 1 << Math.min(p.j, 30);
    if (usedQ & bq || usedN & bn) continue;
    usedQ |= bq;
    usedN |= bn;
    sum += p.s;
  }
  return QUERY_WEIGHT * (sum / queryLength) + (1 - QUERY_WEIGHT) * (sum / nameLength);
}
