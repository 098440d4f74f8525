import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One temp folder for a whole run (the test suite, a bench): everything written to the temp
 * folder by this process, its workers and the processes it starts (stores, evidence, exports
 * with specimen identities, Chromium profiles, servers' scratch files) lands under it, and the
 * returned function removes it. A run interrupted before that is cleaned by the next run of the
 * same kind: its folder names a process that is gone. Returns the remover.
 */
export function useRunTempRoot(prefix: string): () => void {
  const base = tmpdir();
  for (const name of readdirSync(base)) {
    const pid = Number(name.slice(prefix.length));
    if (name.startsWith(prefix) && Number.isInteger(pid) && !alive(pid)) rmSync(join(base, name), { recursive: true, force: true });
  }
  const root = join(base, `${prefix}${process.pid}`);
  mkdirSync(root, { recursive: true });
  // Inherited by workers and child processes; os.tmpdir() reads it on each call.
  process.env.TMPDIR = root;
  process.env.TMP = root;
  process.env.TEMP = root;
  return () => rmSync(root, { recursive: true, force: true });
}
