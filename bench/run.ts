import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
 *
 * With more than one group, each runs in a process of its own: a group's figures must not carry
 * what an earlier one left behind (the 100,000-case store build leaves the process at ~1.5 GB, which
 * the analysis group's peak memory would otherwise report as its own).
 */
const GROUPS: readonly BenchGroup[] = [storeGroup, analysisGroup, uiGroup, pdfGroup, syncGroup, screeningGroup];

const USAGE = `usage: npm run bench -- [--json FILE] [--only GROUP[,GROUP...]]
groups:
${GROUPS.map((g) => `  ${g.name.padEnd(10)} ${g.description}`).join('\n')}`;

class UsageError extends Error {}

interface Options {
  json: string | undefined;
  groups: readonly BenchGroup[];
  /** Internal: a child process run for one group writes its rows here for the parent's table. */
  rowsTo: string | undefined;
}

interface Row {
  group: string;
  metric: Metric;
}

function parseOptions(argv: string[]): Options | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { json: { type: 'string' }, only: { type: 'string' }, 'rows-to': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
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
  return { json: values.json, groups, rowsTo: values['rows-to'] };
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

async function runGroup(group: BenchGroup): Promise<{ rows: Row[]; failed: boolean }> {
  const rows: Row[] = [];
  const started = performance.now();
  console.log(`== ${group.name}: ${group.description}`);
  try {
    const metrics = await group.run({ log: (message) => console.log(message) });
    for (const m of metrics) {
      if (!Number.isFinite(m.value)) throw new Error(`${group.name} reported a non-finite value for ${m.key}`);
      rows.push({ group: group.name, metric: m });
    }
    console.log(`== ${group.name}: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return { rows, failed: false };
  } catch (e) {
    console.error(`== ${group.name}: FAILED: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return { rows, failed: true };
  }
}

/** One group in a fresh Node process (the same loader: tsx's flags are in execArgv), its progress shown as it runs. */
async function runGroupInChild(group: BenchGroup): Promise<{ rows: Row[]; failed: boolean }> {
  const rowsFile = join(process.env.TMPDIR ?? '.', `bench-rows-${group.name}.json`);
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, '--only', group.name, '--rows-to', rowsFile], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (c) => resolve(c));
  });
  try {
    return JSON.parse(readFileSync(rowsFile, 'utf8')) as { rows: Row[]; failed: boolean };
  } catch {
    console.error(`== ${group.name}: FAILED: its process ended (exit ${code}) without reporting`);
    return { rows: [], failed: true };
  }
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

  let rows: Row[] = [];
  let failed = false;
  if (options.groups.length === 1) ({ rows, failed } = await runGroup(options.groups[0]!));
  else {
    for (const group of options.groups) {
      const child = await runGroupInChild(group);
      rows.push(...child.rows);
      failed ||= child.failed;
    }
  }
  if (options.rowsTo) {
    writeFileSync(options.rowsTo, JSON.stringify({ rows, failed }));
    return failed ? 1 : 0;
  }
  const json: Record<string, number> = {};
  const seen = new Set<string>();
  for (const { metric: m } of rows) {
    if (seen.has(m.key)) throw new Error(`metric key ${m.key} is reported twice`);
    seen.add(m.key);
    if (!m.tableOnly) json[m.key] = round(m.value, 3);
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
