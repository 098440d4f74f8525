/**
 * `npm run soak:sync [-- --runs N --kills K --seed S]`: the full sync fault soak (issue 11).
 * Prints the counts as JSON and exits 1 when anything was lost or duplicated.
 */
import { parseArgs } from 'node:util';
import { runKillbSoak } from './runKillbSoak';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '1000' }, kills: { type: 'string', default: '40' }, seed: { type: 'string', default: '20261204' } } });
const r = await runKillbSoak({ runs: Number(values.runs), kills: Number(values.kills), seed: Number(values.seed) });
process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
const ok = r.lost === 0 && r.duplicated === 0 && r.deadLetters === 0 && r.acknowledged === r.runs;
process.stdout.write(ok ? 'sync soak: 0 lost, 0 duplicated\n' : 'sync soak: FAILED\n');
process.exit(ok ? 0 : 1);
