import { DEFAULT_SCREENING_DECLINE, type ListEntry, type ScreeningHit, type ScreeningQuery } from '../../../../shared/schemas/sanctions';
import { nameScore, QUERY_WEIGHT, tokenSimilarity } from './nameScore';
import { ABJAD, nameTokens, skeleton } from './nameTokens';

/** Score points a birth date, a nationality or a document number adds or takes away. */
export const EVIDENCE_POINTS = { birthDateExact: 8, birthYear: 3, birthDateConflict: -15, nationality: 4, nationalityConflict: -4, document: 15 } as const;

interface IndexedName {
  entry: number;
  name: string;
  /** Its tokens, as ids into the vocabulary. */
  tokens: number[];
}

/**
 * Blocking keys of a token: its first three letters, its last three, and its consonant
 * skeleton's first three. One typo rarely changes all three, so a misspelt token still meets
 * its spelling in the vocabulary.
 */
function keysOf(token: string): string[] {
  return token.length < 2 ? [`p${token}`] : [`p${token.slice(0, 3)}`, `x${token.slice(-3)}`, `s${skeleton(token).slice(0, 3)}`];
}

/**
 * Every name of every entry of the active lists, tokenised once. The distinct tokens form a
 * vocabulary with blocking keys; a screening compares each query token with the vocabulary
 * tokens that share a key (once each, not once per name), then scores only the names that
 * contain enough of the similar tokens.
 */
export class SanctionsIndex {
  private readonly names: IndexedName[] = [];
  private readonly vocabulary: string[] = [];
  private readonly tokenId = new Map<string, number>();
  /** Vocabulary token id → the names holding it. */
  private readonly postings: number[][] = [];
  private readonly byKey = new Map<string, number[]>();
  /** Scratch space for screen(): which query tokens each name matched. */
  private masks: Uint32Array | null = null;

  constructor(readonly entries: readonly ListEntry[]) {
    entries.forEach((e, entry) => {
      for (const name of e.names) {
        const tokens = nameTokens(name).map((t) => this.intern(t));
        if (!tokens.length) continue;
        const id = this.names.push({ entry, name, tokens }) - 1;
        for (const t of new Set(tokens)) this.postings[t]!.push(id);
      }
    });
  }

  get size(): number {
    return this.entries.length;
  }

  private intern(token: string): number {
    let id = this.tokenId.get(token);
    if (id === undefined) {
      id = this.vocabulary.push(token) - 1;
      this.tokenId.set(token, id);
      this.postings.push([]);
      for (const key of keysOf(token)) {
        const bucket = this.byKey.get(key);
        if (bucket) bucket.push(id);
        else this.byKey.set(key, [id]);
      }
    }
    return id;
  }

  /** The hits scoring at least `threshold` (0..100), best first, one per entry. */
  screen(q: ScreeningQuery, threshold: number, lists?: readonly string[]): ScreeningHit[] {
    const tokens = nameTokens(q.name);
    if (!tokens.length) return [];
    const abjad = ABJAD.test(q.name);
    // For each query token, the vocabulary tokens similar to it.
    const similar = tokens.map((t) => {
      const found = new Map<number, number>();
      for (const key of keysOf(t)) {
        for (const v of this.byKey.get(key) ?? []) {
          if (found.has(v)) continue;
          const s = tokenSimilarity(t, this.vocabulary[v]!, abjad);
          if (s > 0) found.set(v, s);
        }
      }
      return found;
    });
    // Names holding similar tokens for at least half the query's tokens (at least one). Masks
    // live in one reused typed array: common tokens reach thousands of names per screening.
    const masks = (this.masks ??= new Uint32Array(this.names.length));
    const touched: number[] = [];
    similar.forEach((found, i) => {
      const bit = 1 << Math.min(i, 30);
      for (const v of found.keys()) {
        for (const n of this.postings[v]!) {
          if (masks[n] === 0) touched.push(n);
          masks[n]! |= bit;
        }
      }
    });
    const need = Math.max(1, Math.floor(tokens.length / 2));
    // The most the identifiers can add: a name whose best possible similarity cannot reach the
    // threshold even then is not scored at all.
    const bonus = (q.birthDate ? EVIDENCE_POINTS.birthDateExact : 0) + (q.country ? EVIDENCE_POINTS.nationality : 0) + (q.documentNumber ? EVIDENCE_POINTS.document : 0);
    const best = new Map<number, { name: IndexedName; s: number }>();
    for (const id of touched) {
      const matchedTokens = popcount(masks[id]!);
      masks[id] = 0;
      if (matchedTokens < need) continue;
      const name = this.names[id]!;
      const ceiling = QUERY_WEIGHT * (matchedTokens / tokens.length) + (1 - QUERY_WEIGHT) * Math.min(1, matchedTokens / name.tokens.length);
      if (ceiling * 100 + bonus < threshold) continue;
      if (lists && !lists.includes(this.entries[name.entry]!.list)) continue;
      const s = nameScore(tokens.length, name.tokens.length, (i, j) => similar[i]!.get(name.tokens[j]!) ?? 0);
      const prev = best.get(name.entry);
      if (!prev || s > prev.s) best.set(name.entry, { name, s });
    }
    const hits: ScreeningHit[] = [];
    for (const [entry, { name, s }] of best) {
      const e = this.entries[entry]!;
      const why = [`name "${name.name}" ${Math.round(s * 100)}% similar`];
      const points = evidence(q, e, why);
      // A name alone, however exact, stays at the shipped decline threshold: above it a hit needs a
      // birth date, nationality or document that agrees (a namesake is sent to review, not declined).
      const ceiling = points > 0 ? 100 : DEFAULT_SCREENING_DECLINE;
      const score = Math.max(0, Math.min(ceiling, Math.round(s * 100 + points)));
      if (score >= threshold) hits.push({ list: e.list, entryId: e.entryId, matchedName: name.name, score, nameScore: s, why });
    }
    return hits.sort((a, b) => b.score - a.score);
  }
}

function popcount(x: number): number {
  let n = 0;
  for (let v = x; v; v &= v - 1) n += 1;
  return n;
}

/** What the other identifiers say: a birth date or nationality that agrees raises the score, one that conflicts lowers it. */
function evidence(q: ScreeningQuery, e: ListEntry, why: string[]): number {
  let points = 0;
  if (q.birthDate && e.birthDates.length) {
    if (e.birthDates.includes(q.birthDate)) {
      points += EVIDENCE_POINTS.birthDateExact;
      why.push(`birth date ${q.birthDate} matches`);
    } else if (e.birthDates.some((d) => d.slice(0, 4) === q.birthDate!.slice(0, 4))) {
      points += EVIDENCE_POINTS.birthYear;
      why.push(`birth year ${q.birthDate.slice(0, 4)} matches`);
    } else if (e.birthDates.every((d) => d.length === 10 || d.slice(0, 4) !== q.birthDate!.slice(0, 4))) {
      points += EVIDENCE_POINTS.birthDateConflict;
      why.push(`birth date ${q.birthDate} differs from the list's ${e.birthDates.join(', ')}`);
    }
  }
  if (q.country && e.nationalities.length) {
    if (e.nationalities.includes(q.country)) {
      points += EVIDENCE_POINTS.nationality;
      why.push(`nationality ${q.country} matches`);
    } else {
      points += EVIDENCE_POINTS.nationalityConflict;
      why.push(`nationality ${q.country} is not the list's ${e.nationalities.join(', ')}`);
    }
  }
  const doc = q.documentNumber?.replace(/[\s\-/.]/g, '').toUpperCase();
  if (doc && e.documentNumbers.includes(doc)) {
    points += EVIDENCE_POINTS.document;
    why.push(`document number ${doc} is on the list`);
  }
  return points;
}
