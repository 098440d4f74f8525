/**
 * `npm run soak:sync [-- --runs N --kills K --seed S --only killb|didit]`: the full sync fault
 * soaks of issue 11 (KillB users; Didit sessions, webhooks and status updates). Prints the
 * counts as JSON and exits 1 when anything was lost, duplicated or left in a wrong state.
 */
import { parseArgs } from 'node:util';
import { runKillbSoak } from './runKillbSoak';
import { runDiditSoak } from './runDiditSoak';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '1000' }, kills: { type: 'string', default: '40' }, seed: { type: 'string', default: '20261204' }, only: { type: 'string' } },
});
const o = { runs: Number(values.runs), kills: Number(values.kills), seed: Number(values.seed) };
let ok = true;
if (values.only !== 'didit') {
  const r = await runKillbSoak(o);
  process.stdout.write(`KillB users:\n${JSON.stringify(r, null, 2)}\n`);
  const good = r.lost === 0 && r.duplicated === 0 && r.deadLetters === 0 && r.acknowledged === r.runs;
  process.stdout.write(good ? 'KillB soak: 0 lost, 0 duplicated\n' : 'KillB soak: FAILED\n');
  ok &&= good;
}
if (values.only !== 'killb') {
  const r = await runDiditSoak(o);
  process.stdout.write(`Didit sessions and status updates:\n${JSON.stringify(r, null, 2)}\n`);
  const good =
    r.lost.sessions + r.lost.statusUpdates + r.duplicated.sessions + r.duplicated.statusUpdates + r.wrongState + r.deadLetters === 0 && r.requested === r.cases && r.sessions === r.cases;
  process.stdout.write(good ? 'Didit soak: 0 lost, 0 duplicated, every case in the right state\n' : 'Didit soak: FAILED\n');
  ok &&= good;
}
process.exit(ok ? 0 : 1);
