import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { ErrorCode } from '../../../shared/errorCodes';
import { ServiceFailure } from './ServiceFailure';

export const LOCK_FILE = 'kyc.lock';
/** Who holds the lock, for the message the next process gets (the lock file itself is unreadable while held). */
export const LOCK_OWNER_FILE = 'kyc.lock.owner.json';

interface LockOwner {
  pid: number;
  shell: string;
  host: string;
  since: string;
}

/**
 * Exclusive ownership of a data folder by one process. The lock is an OS file lock taken by
 * SQLite on `kyc.lock` (an exclusive transaction in exclusive locking mode, held until the
 * connection closes): the OS releases it when the process ends in any way, SIGKILL and power
 * cut included, so a lock is never stale and there is nothing to clean up. A second process,
 * or a second open in the same process, is refused with DATA_FOLDER_IN_USE naming the owner.
 */
export class DataDirLock {
  /**
   * Every lock this process holds, until released: a lock nothing else refers to would be garbage
   * collected, and better-sqlite3 closes a collected connection, which releases the OS lock while
   * its owner still runs (a holder that dropped its service lost its lock in CI this way).
   */
  private static readonly held = new Set<DataDirLock>();

  private constructor(
    private readonly db: Database.Database,
    private readonly ownerFile: string,
  ) {}

  static acquire(dataDir: string, shell: string): DataDirLock {
    const db = new Database(join(dataDir, LOCK_FILE), { timeout: 0 });
    try {
      db.pragma('locking_mode = EXCLUSIVE');
      db.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS lock (id INTEGER PRIMARY KEY); COMMIT;');
    } catch (e) {
      db.close();
      if ((e as { code?: string }).code !== 'SQLITE_BUSY') throw e;
      throw new ServiceFailure(ErrorCode.DATA_FOLDER_IN_USE, inUseMessage(dataDir, readOwner(join(dataDir, LOCK_OWNER_FILE))));
    }
    const ownerFile = join(dataDir, LOCK_OWNER_FILE);
    const owner: LockOwner = { pid: process.pid, shell, host: hostname(), since: new Date().toISOString() };
    writeFileSync(ownerFile, `${JSON.stringify(owner)}\n`);
    const lock = new DataDirLock(db, ownerFile);
    DataDirLock.held.add(lock);
    return lock;
  }

  release(): void {
    DataDirLock.held.delete(this);
    if (!this.db.open) return;
    rmSync(this.ownerFile, { force: true });
    this.db.close();
  }
}

function readOwner(file: string): LockOwner | null {
  try {
    const o = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
    return typeof o.pid === 'number' && typeof o.shell === 'string' ? { pid: o.pid, shell: o.shell, host: String(o.host ?? ''), since: String(o.since ?? '') } : null;
  } catch {
    return null;
  }
}

function inUseMessage(dataDir: string, owner: LockOwner | null): string {
  const who = owner ? `${owner.shell} (PID ${owner.pid}${owner.pid === process.pid ? ', this process' : ''}, since ${owner.since})` : 'another process';
  return `the data folder ${dataDir} is in use by ${who}; close it first, or start with another --data folder`;
}
