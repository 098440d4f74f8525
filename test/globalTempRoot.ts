import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Everything a test run writes to the temp folder (stores, evidence, exports with specimen
 * identities, Chromium profiles, the servers' scratch files) goes under one folder for the run,
 * removed when the run ends, also when it failed. A run that was interrupted before its teardown
 * is cleaned by the next one: its folder names a process that is gone.
 */
const PREFIX = 'kyc-test-run-';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export default function setup(): () => void {
  const base = tmpdir();
  for (const name of readdirSync(base)) {
    const pid = Number(name.slice(PREFIX.length));
    if (name.startsWith(PREFIX) && Number.isInteger(pid) && !alive(pid)) rmSync(join(base, name), { recursive: true, force: true });
  }
  const root = join(base, `${PREFIX}${process.pid}`);
  mkdirSync(root, { recursive: true });
  // Workers and every process they start inherit it; os.tmpdir() reads it on each call.
  process.env.TMPDIR = root;
  process.env.TMP = root;
  process.env.TEMP = root;
  return () => rmSync(root, { recursive: true, force: true });
}
