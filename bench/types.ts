/** The contract between `bench/run.ts` and each benchmark group. */

export interface Metric {
  /** Flat key in the JSON output; unique across all groups. */
  key: string;
  value: number;
  unit: string;
  /** `max`: the value must be at most `value`; `min`: at least. */
  target?: { kind: 'max' | 'min'; value: number };
  /** Extra figures for the table only (p50, sample count...); not written to the JSON. */
  detail?: string;
  /** Shown in the table but left out of the JSON (context such as build times). */
  tableOnly?: boolean;
}

export interface BenchContext {
  /** Progress lines, printed as they happen (the table comes at the end). */
  log(message: string): void;
}

export interface BenchGroup {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<Metric[]>;
}

export function meetsTarget(m: Metric): boolean | null {
  if (!m.target) return null;
  return m.target.kind === 'max' ? m.value <= m.target.value : m.value >= m.target.value;
}
