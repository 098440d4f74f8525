import { median } from '../evalCommon';
import { formatRate, rate, type Rate } from '../stats';
import { DEGRADATION_KINDS, DEGRADATION_LEVELS, type DegradationKind, type DegradationLevel } from './degradeDocument';
import { SYNTHETIC_FORMATS, type MrzTruth, type SyntheticFormat } from './randomMrz';

/**
 * Figures for the synthetic MRZ set, from one scored line per document: field accuracy,
 * detection and documents read exactly, each with its Wilson 95% interval, overall and by
 * format, by degradation level, and by degradation kind at each level. Pure: no I/O, no OCR.
 */

/** The nine fields `npm run eval` scores on the real specimens, in its order. */
export const SCORED_FIELDS: readonly (keyof MrzTruth)[] = ['documentCode', 'issuingState', 'surname', 'givenNames', 'documentNumber', 'nationality', 'birthDate', 'sex', 'expiryDate'];

export interface ScoredSyntheticMrz {
  format: SyntheticFormat;
  level: DegradationLevel;
  kind: DegradationKind | null;
  detected: boolean;
  /** How many of the 9 fields were read right (0 when nothing was detected). */
  fieldsCorrect: number;
  ms: number;
}

export interface SyntheticMrzRates {
  documents: number;
  field_accuracy: Rate;
  detection: Rate;
  documents_exact: Rate;
}

export interface SyntheticMrzReport extends SyntheticMrzRates {
  seed: number;
  ms_p50: number;
  by_format: Record<SyntheticFormat, SyntheticMrzRates>;
  by_level: Record<DegradationLevel, SyntheticMrzRates>;
  /** Kind -> level -> rates (level none has no kind and is left out here). */
  by_kind: Record<DegradationKind, Partial<Record<DegradationLevel, SyntheticMrzRates>>>;
  note: string;
}

function ratesOf(items: readonly ScoredSyntheticMrz[]): SyntheticMrzRates {
  const n = items.length;
  return {
    documents: n,
    // As on the real specimens, the 9 fields of one document are not independent draws, so
    // this interval is too narrow; documents_exact counts documents instead.
    field_accuracy: rate(
      items.reduce((s, i) => s + i.fieldsCorrect, 0),
      n * SCORED_FIELDS.length,
    ),
    detection: rate(items.filter((i) => i.detected).length, n),
    documents_exact: rate(items.filter((i) => i.fieldsCorrect === SCORED_FIELDS.length).length, n),
  };
}

export function syntheticMrzReport(seed: number, items: readonly ScoredSyntheticMrz[]): SyntheticMrzReport {
  const by = <K extends string>(keys: readonly K[], key: (i: ScoredSyntheticMrz) => K | null) =>
    Object.fromEntries(keys.map((k) => [k, ratesOf(items.filter((i) => key(i) === k))])) as Record<K, SyntheticMrzRates>;
  const byKind = Object.fromEntries(
    DEGRADATION_KINDS.map((kind) => [
      kind,
      Object.fromEntries(DEGRADATION_LEVELS.filter((l) => l !== 'none').map((level) => [level, ratesOf(items.filter((i) => i.kind === kind && i.level === level))])),
    ]),
  ) as SyntheticMrzReport['by_kind'];
  return {
    seed,
    ...ratesOf(items),
    ms_p50: Math.round(median(items.map((i) => i.ms))),
    by_format: by(SYNTHETIC_FORMATS, (i) => i.format),
    by_level: by(DEGRADATION_LEVELS, (i) => i.level),
    by_kind: byKind,
    note: 'generated in the run (syntheticMrz/), never tuned on: random valid TD1/TD2/TD3 zones in OCR-B on varied backgrounds, degraded by kind and level',
  };
}

/** Readable lines for the eval summary, printed under the real specimens' MRZ rows. */
export function syntheticMrzSummary(r: SyntheticMrzReport): string[] {
  const row = (name: string, x: SyntheticMrzRates) => `  ${name.padEnd(22)} fields ${formatRate(x.field_accuracy).padEnd(36)} found ${formatRate(x.detection).padEnd(34)} exact ${formatRate(x.documents_exact)}`;
  const L = [`mrz synthetic (seed ${r.seed}, ${r.documents} documents, ${r.ms_p50} ms p50 per read; generated, not tuned on)`, row('all', r)];
  for (const f of SYNTHETIC_FORMATS) if (r.by_format[f].documents) L.push(row(f, r.by_format[f]));
  for (const l of DEGRADATION_LEVELS) if (r.by_level[l].documents) L.push(row(`level ${l}`, r.by_level[l]));
  for (const k of DEGRADATION_KINDS) {
    for (const l of DEGRADATION_LEVELS) {
      const x = r.by_kind[k][l];
      if (x?.documents) L.push(row(`${k} ${l}`, x));
    }
  }
  return L;
}
