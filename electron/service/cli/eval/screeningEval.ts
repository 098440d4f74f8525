import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rate, type Rate } from '../../../../shared/errorRate';
import { DEFAULT_SCREENING_THRESHOLD, type ListEntry, type ScreeningHit } from '../../../../shared/schemas/sanctions';
import { parseOfacCsv } from '../../screening/lists/parseOfacCsv';
import { parseUnXml } from '../../screening/lists/parseUnXml';
import { listDate, unique } from '../../screening/lists/listHelpers';
import { SanctionsIndex } from '../../screening/match/SanctionsIndex';
import { FOLDS } from './evalCommon';

interface Query {
  id: string;
  name: string;
  dob: string | null;
  country: string | null;
  expected: { list: string; entry_id: string }[];
  kind: string;
  lists: string[];
}

/**
 * The OpenSanctions PEP file (Senzing JSON lines). Read here, for evaluation only: its licence
 * (CC BY-NC 4.0) keeps it out of the product, so no import format is offered for it.
 */
function readSenzingPep(path: string, list: string): ListEntry[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const r = JSON.parse(l) as { RECORD_ID: string; NAMES?: { NAME_FULL?: string }[]; DATES?: { DATE_OF_BIRTH?: string }[]; COUNTRIES?: { NATIONALITY?: string }[] };
      return {
        list,
        entryId: r.RECORD_ID,
        kind: 'individual' as const,
        names: unique((r.NAMES ?? []).map((n) => n.NAME_FULL)),
        birthDates: unique((r.DATES ?? []).map((d) => (d.DATE_OF_BIRTH ? listDate(d.DATE_OF_BIRTH) : null))),
        nationalities: unique((r.COUNTRIES ?? []).map((c) => c.NATIONALITY?.toUpperCase())),
        documentNumbers: [],
        programs: ['PEP'],
      };
    })
    .filter((e) => e.names.length);
}

interface Tally {
  correct: number;
  hits: number;
  found: number;
  expected: number;
  nonMatch: number;
  nonMatchHit: number;
}

const empty = (): Tally => ({ correct: 0, hits: 0, found: 0, expected: 0, nonMatch: 0, nonMatchHit: 0 });

function tally(queries: Query[], hitsOf: Map<string, ScreeningHit[]>, t: number, into = empty()): Tally {
  for (const q of queries) {
    const hits = (hitsOf.get(q.id) ?? []).filter((h) => h.score >= t);
    const want = new Set(q.expected.map((e) => `${e.list}:${e.entry_id}`));
    const got = new Set(hits.map((h) => `${h.list}:${h.entryId}`));
    into.hits += got.size;
    for (const g of got) if (want.has(g)) into.correct += 1;
    into.expected += want.size;
    for (const w of want) if (got.has(w)) into.found += 1;
    if (!want.size) {
      into.nonMatch += 1;
      if (got.size) into.nonMatchHit += 1;
    }
  }
  return into;
}

const rates = (x: Tally) => ({ precision: rate(x.correct, x.hits), recall: rate(x.found, x.expected), non_match_flagged: rate(x.nonMatchHit, x.nonMatch) });

/** The lowest threshold whose precision on `queries` is at least `target` (recall falls as the threshold rises). */
function chooseThreshold(queries: Query[], hitsOf: Map<string, ScreeningHit[]>, target: number): number {
  for (let t = 50; t <= 100; t += 1) {
    const x = tally(queries, hitsOf, t);
    if (x.hits === 0 || x.correct / x.hits >= target) return t;
  }
  return 100;
}

export interface ScreeningReport {
  lists: Record<string, number>;
  queries: number;
  /** The evaluation contract's counts and rates at the shipped threshold (../shared/fixtures/README.md), as plain numbers. */
  hits: number;
  correct_hits: number;
  expected: number;
  found: number;
  precision: number;
  recall: number;
  threshold: number;
  /** What the rule chooses on all the queries: the shipped DEFAULT_SCREENING_THRESHOLD must be this. */
  threshold_chosen: number;
  rates: { precision: Rate; recall: Rate; non_match_flagged: Rate };
  by_kind: Record<string, { precision: Rate; recall: Rate; non_match_flagged: Rate }>;
  curve: { threshold: number; precision: number | null; recall: number | null }[];
  cross_validated: { folds: number; thresholds: number[]; precision: Rate; recall: Rate; by_kind: Record<string, { precision: Rate; recall: Rate }> };
  screen_ms: { p50: number; max: number };
}

/** Folds of queries by a stable hash of their id, so a fold is the same on every run. */
const foldOf = (id: string, k: number) => [...id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % k;
/**
 * The rule that chooses the threshold: the lowest whose precision is at least this. Issue 15
 * asks for precision >= 0.95; choosing for 0.97 keeps the cross-validated precision above 0.95
 * (for 0.95 and 0.96 it fell to 0.90 and 0.949: a threshold tuned to the edge does not carry).
 */
const PRECISION_TARGET = 0.97;

/**
 * `eval`'s screening section: every query of sanctions/queries.json against the lists it names,
 * scored by the fixture README's rules (one hit per list entry; a non-match query's hits are
 * false positives). Reports the shipped threshold, a precision-recall sweep, figures by query
 * kind, and the cross-validated figures (threshold chosen on four folds of queries, scored on
 * the fifth).
 */
export async function evalScreening(dir: string, details: (line: { section: string; id: string; expected: unknown; predicted: unknown; score: number | null; ms: number | null; [extra: string]: unknown }) => void): Promise<ScreeningReport | null> {
  const L = join(dir, 'lists');
  if (!existsSync(join(dir, 'queries.json'))) return null;
  const ofac = await parseOfacCsv(join(L, 'ofac_sdn/sdn.csv'), join(L, 'ofac_sdn/alt.csv'));
  const un = (await parseUnXml(join(L, 'un/UN_consolidated.xml'))).entries;
  const pep = readSenzingPep(join(L, 'opensanctions/us_congress_senzing.json'), 'os_us_congress');
  const index = new SanctionsIndex([...ofac, ...un, ...pep]);
  const queries = (JSON.parse(readFileSync(join(dir, 'queries.json'), 'utf8')) as { queries: Query[] }).queries;
  const hitsOf = new Map<string, ScreeningHit[]>();
  const ms: number[] = [];
  const msOf = new Map<string, number>();
  for (const q of queries) {
    const t0 = performance.now();
    hitsOf.set(q.id, index.screen({ name: q.name, birthDate: q.dob, country: q.country }, 0, q.lists));
    ms.push(performance.now() - t0);
    msOf.set(q.id, Math.round((performance.now() - t0) * 100) / 100);
  }
  const t = DEFAULT_SCREENING_THRESHOLD;
  for (const q of queries) {
    const all = hitsOf.get(q.id)!;
    const hits = all.filter((h) => h.score >= t);
    details({
      section: 'screening',
      id: q.id,
      kind: q.kind,
      expected: q.expected.map((e) => `${e.list}:${e.entry_id}`),
      predicted: hits.map((h) => `${h.list}:${h.entryId}`),
      score: all[0]?.score ?? null,
      ms: msOf.get(q.id) ?? null,
      best: all[0] ? { entry: `${all[0].list}:${all[0].entryId}`, name: all[0].matchedName, why: all[0].why } : null,
    });
  }
  const kinds = [...new Set(queries.map((q) => q.kind))].sort();
  const by_kind = Object.fromEntries(kinds.map((k) => [k, rates(tally(queries.filter((q) => q.kind === k), hitsOf, t))]));
  const curve = [];
  for (let x = 60; x <= 100; x += 2) {
    const y = tally(queries, hitsOf, x);
    curve.push({ threshold: x, precision: y.hits ? Math.round((y.correct / y.hits) * 1000) / 1000 : null, recall: y.expected ? Math.round((y.found / y.expected) * 1000) / 1000 : null });
  }
  const thresholds: number[] = [];
  const cv = empty();
  const cvKind = new Map<string, Tally>();
  for (let f = 0; f < FOLDS; f += 1) {
    const train = queries.filter((q) => foldOf(q.id, FOLDS) !== f);
    const test = queries.filter((q) => foldOf(q.id, FOLDS) === f);
    const chosen = chooseThreshold(train, hitsOf, PRECISION_TARGET);
    thresholds.push(chosen);
    tally(test, hitsOf, chosen, cv);
    for (const k of kinds) tally(test.filter((q) => q.kind === k), hitsOf, chosen, cvKind.get(k) ?? cvKind.set(k, empty()).get(k)!);
  }
  ms.sort((a, b) => a - b);
  const shipped = tally(queries, hitsOf, t);
  return {
    lists: { ofac_sdn: ofac.length, un_consolidated: un.length, os_us_congress: pep.length },
    queries: queries.length,
    hits: shipped.hits,
    correct_hits: shipped.correct,
    expected: shipped.expected,
    found: shipped.found,
    precision: shipped.hits ? shipped.correct / shipped.hits : 0,
    recall: shipped.expected ? shipped.found / shipped.expected : 0,
    threshold: t,
    threshold_chosen: chooseThreshold(queries, hitsOf, PRECISION_TARGET),
    rates: rates(shipped),
    by_kind,
    curve,
    cross_validated: {
      folds: FOLDS,
      thresholds,
      precision: rate(cv.correct, cv.hits),
      recall: rate(cv.found, cv.expected),
      by_kind: Object.fromEntries([...cvKind].map(([k, x]) => [k, { precision: rate(x.correct, x.hits), recall: rate(x.found, x.expected) }])),
    },
    screen_ms: { p50: Math.round(ms[Math.floor(ms.length / 2)]! * 100) / 100, max: Math.round(ms.at(-1)! * 100) / 100 },
  };
}
