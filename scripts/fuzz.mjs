// `npm run fuzz [-- RUNS]`: the property tests of test/fuzz with RUNS cases per operation and
// route (default 1000; the suite runs 12). Spawned with node, not a shell, so it runs on Windows.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const runs = process.argv[2] ?? '1000';
// The CLI entry is not in vitest's exports map: found beside its package.json.
const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
const r = spawnSync(process.execPath, [vitest, 'run', 'test/fuzz'], { stdio: 'inherit', env: { ...process.env, FUZZ_RUNS: runs } });
process.exit(r.status ?? 1);
