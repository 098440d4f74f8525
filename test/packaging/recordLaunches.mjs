// Preloaded (--import) into the child and every worker thread it starts: appends each worker
// entry and each executable started to KYC_LAUNCH_LOG, so the test can check none lies inside
// the app.asar stand-in. Patches the builtins before the bundle imports them.
import { appendFileSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const log = (kind, target) => appendFileSync(process.env.KYC_LAUNCH_LOG, `${kind}\t${target}\n`);

const threads = require('node:worker_threads');
const NodeWorker = threads.Worker;
threads.Worker = class extends NodeWorker {
  constructor(entry, options) {
    log('worker', entry instanceof globalThis.URL ? fileURLToPath(entry) : String(entry));
    super(entry, options);
  }
};
const child = require('node:child_process');
for (const fn of ['spawn', 'spawnSync', 'execFile', 'execFileSync']) {
  const original = child[fn];
  child[fn] = function (file, ...rest) {
    log('exec', String(file));
    return original.call(this, file, ...rest);
  };
}
syncBuiltinESMExports();
