import { writeFileSync } from 'node:fs';
import { useRunTempRoot } from '../scripts/runTempRoot';
import { parseArgs } from 'node:util';
import { storeGroup } from './storeBench';
import { analysisGroup } from './analysisBench';
import { uiGroup } from './uiBench';
import { pdfGroup } from './pdfBench';
import { syncGroup } from './syncBench';
import { screeningGroup } from './screeningBench';
import { round } from './stats';
import { meetsTarget, type BenchGroup, type Metric } from './types';

/**
 * `npm run bench -- [--json FILE] [--only GROUP[,GROUP...]]`
 *
 * Runs the benchmark groups in order, prints a table, and with --json writes a flat
 * `{ key: number }` object. To add a group, implement BenchGroup and list it in GROUPS.
 */
const GROUPS: readonly BenchGroup[] = [storeGroup, analysisGroup, uiGroup, pdfGroup, syncGroup, screeningGroup];

const USAGE = `usage: npm run bench -- [--json FILE] [--only GROUP[,GROUP...]]
groups:
${GROUPS.map((g) => `  ${g.name.padEnd(10)} ${g.description}`).join('\n')}`;

class UsageError extends Error {}

interface Options {
  json: string | undefined;
  groups: readonly BenchGroup[];
}

function parseOptions(argv: string[]): Options | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { json: { type: 'string' }, only: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const { values } = parsed;
  if (values.help) return 'help';
  if (values.json !== undefined && values.json.trim() === '') throw new UsageError('--json needs a file name');
  let groups = GROUPS;
  if (values.only !== undefined) {
    const names = values.only.split(',').map((s) => s.trim()).filter(Boolean);
    if (names.length === 0) throw new UsageError('--only needs a group name');
    groups = names.map((name) => {
      const g = GROUPS.find((x) => x.name === name);
      if (!g) throw new UsageError(`unknown benchmark group "${name}"; known groups: ${GROUPS.map((x) => x.name).join(', ')}`);
      return g;
    });
  }
  return { json: values.json, groups };
}

function formatValue(m: Metric): string {
  const abs = Math.abs(m.value);
  return abs >= 1000 ? Math.round(m.value).toLocaleString('en') : abs >= 10 ? m.value.toFixed(1) : m.value.toFixed(3);
}

function printTable(rows: { group: string; metric: Metric }[]): void {
  const table = rows.map(({ group, metric: m }) => {
    const ok = meetsTarget(m);
    return [
      group,
      m.key,
      formatValue(m),
      m.unit,
      m.target ? `${m.target.kind === 'max' ? '<=' : '>='} ${m.target.value}` : '',
      ok === null ? '' : ok ? 'ok' : 'MISS',
      m.detail ?? '',
    ];
  });
  const header = ['group', 'metric', 'value', 'unit', 'target', 'result', 'detail'];
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  console.log('');
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of table) console.log(line(row));
  console.log('');
}

async function main(): Promise<number> {
  let options: Options | 'help';
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`bench: ${e.message}\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }

  const rows: { group: string; metric: Metric }[] = [];
  const json: Record<string, number> = {};
  let failed = false;
  for (const group of options.groups) {
    const started = performance.now();
    console.log(`== ${group.name}: ${group.description}`);
    try {
      const metrics = await group.run({ log: (message) => console.log(message) });
      for (const m of metrics) {
        if (!Number.isFinite(m.value)) throw new Error(`${group.name} reported a non-finite value for ${m.key}`);
        if (rows.some((r) => r.metric.key === m.key)) throw new Error(`metric key ${m.key} is reported twice`);
        rows.push({ group: group.name, metric: m });
        if (!m.tableOnly) json[m.key] = round(m.value, 3);
      }
      console.log(`== ${group.name}: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    } catch (e) {
      failed = true;
      console.error(`== ${group.name}: FAILED: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  }

  printTable(rows);
  if (options.json) {
    writeFileSync(options.json, `${JSON.stringify(json, null, 2)}\n`);
    console.log(`wrote ${Object.keys(json).length} metrics to ${options.json}`);
  }
  const missed = rows.filter((r) => meetsTarget(r.metric) === false).map((r) => r.metric.key);
  if (missed.length) console.log(`targets missed: ${missed.join(', ')}`);
  return failed ? 1 : 0;
}

// Benches build large stores of specimen identities: all of it under one temp folder that goes
// when the run ends, however it ends (Ctrl-C included; a killed run's folder goes at the next).
const removeTemp = useRunTempRoot('kyc-bench-run-');
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    removeTemp();
    process.exit(130);
  });
}
main().then(
  (code) => {
    removeTemp();
    process.exitCode = code;
  },
  (e: unknown) => {
    removeTemp();
    console.error(e);
    process.exitCode = 1;
  },
);
