import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Scratch folders for ffmpeg's frames of a liveness clip: face images, so personal data. Each
 * is removed when its work ends (a shutdown waits for running work), but a process killed
 * mid-work leaves its folders behind: so the folder names carry the process id, and a starting
 * service sweeps the folders of processes that are gone.
 */
export type TempWorkKind = 'kyc-frames' | 'kyc-keyframes';
const KINDS: readonly TempWorkKind[] = ['kyc-frames', 'kyc-keyframes'];
const NAME = /^(kyc-frames|kyc-keyframes)-(\d+)-/;

export function makeTempWorkDir(kind: TempWorkKind): Promise<string> {
  return mkdtemp(join(tmpdir(), `${kind}-${process.pid}-`));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the scratch folders of processes that are gone. Returns how many. */
export async function sweepTempWork(): Promise<number> {
  let removed = 0;
  const names = await readdir(tmpdir()).catch(() => [] as string[]);
  for (const name of names) {
    const m = NAME.exec(name);
    if (!m || !KINDS.includes(m[1] as TempWorkKind)) continue;
    const pid = Number(m[2]);
    if (pid !== process.pid && !alive(pid)) {
      await rm(join(tmpdir(), name), { recursive: true, force: true });
      removed += 1;
    }
  }
  return removed;
}
