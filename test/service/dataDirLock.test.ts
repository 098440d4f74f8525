import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { openStoreFile } from '../helpers/openStoreFile';
import { afterEach, describe, expect, it } from 'vitest';
import { KycService } from '../../electron/service/KycService';
import { DataDirLock, LOCK_OWNER_FILE } from '../../electron/service/core/DataDirLock';
import { ErrorCode } from '../../shared/errorCodes';
import { makeTempDir } from '../helpers/tempService';
import { startServe, type RunningServer } from '../helpers/serveProcess';
import { testKeys } from '../helpers/testKeys';
import { refusal } from '../helpers/refusal';

const root = join(import.meta.dirname, '../..');

/** A Node process that opens the store as `owner`, says so, and waits to be killed. */
function holder(dataDir: string): Promise<{ pid: number; kill: () => Promise<void> }> {
  const script = `import { KycService } from ${JSON.stringify(join(root, 'electron/service/KycService.ts'))};
import { testKeys } from ${JSON.stringify(join(root, 'test/helpers/testKeys.ts'))};
KycService.open({ dataDir: process.argv[1], keys: testKeys(process.argv[1]), owner: 'lock test holder' });
process.stdout.write('open\\n');
setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, dataDir], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('open'))
        resolve({
          pid: child.pid!,
          kill: () =>
            new Promise((r) => {
              child.once('exit', () => r());
              child.kill('SIGKILL');
            }),
        });
    });
    child.once('exit', (code) => reject(new Error(`holder exited ${code}`)));
  });
}

describe('one process owns a data folder', () => {
  it('refuses a second open with a coded error naming the owner, and lets it in once the first closes', () => {
    const dataDir = makeTempDir('kyc-lock-');
    const first = KycService.open({ dataDir, keys: testKeys(dataDir), owner: 'serve' });
    const e = refusal(() => KycService.open({ dataDir, keys: testKeys(dataDir), owner: 'the desktop app' }));
    expect(e.code).toBe(ErrorCode.DATA_FOLDER_IN_USE);
    expect(e.message).toContain(dataDir);
    expect(e.message).toContain(`serve (PID ${process.pid}, this process`);
    // The refused open left the owner's record alone and the store usable.
    expect(JSON.parse(readFileSync(join(dataDir, LOCK_OWNER_FILE), 'utf8'))).toMatchObject({ pid: process.pid, shell: 'serve' });
    expect(first.deps.operators.count()).toBe(0);
    first.close();
    expect(existsSync(join(dataDir, LOCK_OWNER_FILE))).toBe(false);
    const second = KycService.open({ dataDir, keys: testKeys(dataDir), owner: 'the desktop app' });
    second.close();
  });

  it('keeps a lock its owner no longer refers to until it is released', async () => {
    // better-sqlite3 closes a collected connection, and with it the OS lock: a holder that had
    // dropped its service lost its lock this way in CI. The garbage collector is forced here.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const dataDir = makeTempDir('kyc-lock-gc-');
    const weak = new WeakRef(DataDirLock.acquire(dataDir, 'dropped owner'));
    for (let i = 0; i < 3; i++) {
      gc();
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(refusal(() => DataDirLock.acquire(dataDir, 'second')).code).toBe(ErrorCode.DATA_FOLDER_IN_USE);
    weak.deref()!.release();
    DataDirLock.acquire(dataDir, 'after release').release();
  });

  it('names another process that holds it, and is free again the moment that process is killed (no stale lock)', async () => {
    const dataDir = makeTempDir('kyc-lock-');
    const h = await holder(dataDir);
    const e = refusal(() => KycService.open({ dataDir, keys: testKeys(dataDir) }));
    expect(e.code).toBe(ErrorCode.DATA_FOLDER_IN_USE);
    expect(e.message).toContain(`lock test holder (PID ${h.pid},`);
    await h.kill();
    // SIGKILL: nothing cleaned up, the owner file is still there, yet the OS released the lock.
    expect(existsSync(join(dataDir, LOCK_OWNER_FILE))).toBe(true);
    const s = KycService.open({ dataDir, keys: testKeys(dataDir), owner: 'after the kill' });
    expect(JSON.parse(readFileSync(join(dataDir, LOCK_OWNER_FILE), 'utf8'))).toMatchObject({ pid: process.pid, shell: 'after the kill' });
    s.close();
  }, 60_000);

  describe('two servers on one folder', () => {
    let first: RunningServer | undefined;
    afterEach(async () => {
      await first?.stop();
    });

    it('the second exits with the coded error naming the first, which keeps running with its jobs untouched', async () => {
      const dataDir = makeTempDir('kyc-lock-serve-');
      first = await startServe(['--data', dataDir, '--demo', '--no-analysis']);
      // A job the first process is running (its engine is off here, so nothing else touches it).
      const db = await openStoreFile(dataDir, { readonly: false });
      const job = db.prepare("SELECT id FROM jobs WHERE status = 'queued' LIMIT 1").get() as { id: string } | undefined;
      expect(job).toBeDefined();
      db.prepare("UPDATE jobs SET status = 'running' WHERE id = ?").run(job!.id);
      const ownerPid = (JSON.parse(readFileSync(join(dataDir, LOCK_OWNER_FILE), 'utf8')) as { pid: number }).pid;

      // With its engine on, a second server that got in would re-queue that running job at start-up.
      const second = spawnSync('npm', ['run', '--silent', 'serve', '--', '--port', '0', '--data', dataDir], { cwd: root, encoding: 'utf8', timeout: 120_000, env: { ...process.env, FORCE_COLOR: '0' } });
      expect(second.status).toBe(1);
      expect(second.stderr).toContain(`${ErrorCode.DATA_FOLDER_IN_USE}: the data folder ${dataDir} is in use by serve (PID ${ownerPid},`);

      expect((db.prepare('SELECT status FROM jobs WHERE id = ?').get(job!.id) as { status: string }).status).toBe('running');
      db.close();
      const health = await fetch(`${first.url}/api/health`);
      expect(health.status).toBe(200);
    }, 240_000);
  });
});
