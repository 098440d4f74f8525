/**
 * `npm run soak:crash [-- --writes N --kills K --seed S]`: the full crash soak of issue 14.
 * Prints the counts as JSON; exits 1 when anything was lost, orphaned, half-written or corrupt.
 */
import { parseArgs } from 'node:util';
import { runCrashSoak } from './runCrashSoak';

const { values } = parseArgs({ options: { writes: { type: 'string', default: '1000' }, kills: { type: 'string', default: '40' }, seed: { type: 'string', default: '20261205' } } });
const r = await runCrashSoak({ writes: Number(values.writes), kills: Number(values.kills), seed: Number(values.seed) });
process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
const ok = r.integrity === 'ok' && r.auditChainValid && r.lost + r.orphanedFiles + r.halfWrittenFiles + r.jobsLost === 0;
process.stdout.write(ok ? 'crash soak: nothing lost, nothing orphaned or half-written, integrity ok\n' : 'crash soak: FAILED\n');
process.exit(ok ? 0 : 1);
