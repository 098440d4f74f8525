import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../../..');

export interface Life {
  /** Every line the worker printed, in order. */
  lines: string[];
  /** True when the parent's SIGKILL ended it (not a worker that finished first). */
  killed: boolean;
}

export interface LifeOptions {
  /** Worker script under test/sync/soak/, run with `node --import tsx`. */
  script: string;
  args: readonly string[];
  /** SIGKILL `delayMs` after the `afterAcks`-th acknowledged line; null: run until the worker exits. */
  kill: { afterAcks: number; delayMs: number } | null;
  /** Which printed lines are acknowledged writes (the kill counts these). */
  isAck: (line: string) => boolean;
  /** Sees each line as it arrives (e.g. the port the worker listens on). */
  onLine?: (line: string) => void;
}

/**
 * One life of a soak worker: a separate Node process on the shared data folder, killed with
 * SIGKILL at a chosen point while its deliveries are in flight, or left to finish. A worker
 * that exits non-zero on its own is a failure of the soak.
 */
export function life(o: LifeOptions): Promise<Life> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(root, 'test/sync/soak', o.script), ...o.args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let acks = 0;
    let out = '';
    let err = '';
    let killed = false;
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const parts = out.split('\n');
      out = parts.pop()!;
      for (const l of parts) {
        lines.push(l);
        if (o.isAck(l)) acks += 1;
        o.onLine?.(l);
      }
      if (o.kill && !killed && acks >= o.kill.afterAcks) {
        killed = true;
        setTimeout(() => child.kill('SIGKILL'), o.kill.delayMs);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code, signal) => {
      // A worker that finished before its kill time exited on its own: not a kill.
      if (killed && signal !== 'SIGKILL') killed = false;
      if (!killed && code !== 0) reject(new Error(`soak worker ${o.script} exited ${code}: ${err.slice(-2000)}`));
      else resolve({ lines, killed });
    });
  });
}
