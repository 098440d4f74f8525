import { closeSync, openSync, readSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';

export type Db = Database.Database;

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * SQLCipher 4's page format (AES-256-CBC with an HMAC-SHA512 per page), so a store can be
 * opened with the standard SQLCipher tools given its key. The key is a raw 32-byte key, not a
 * passphrase: it is derived once from the data key, and SQLCipher's own slow derivation on
 * every open would add nothing.
 */
export function applyKey(db: Db, keyHex: string): void {
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.pragma(`key = "x'${keyHex}'"`);
}

/** Whether the file is an unencrypted SQLite database (a store from before encryption). */
export function isPlaintextDatabase(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    return readSync(fd, head, 0, head.length, 0) === head.length && head.equals(SQLITE_HEADER);
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens the store with its key. One connection per service; better-sqlite3 is synchronous, so
 * one is all we need. Throws SQLITE_NOTADB when the key is not the file's.
 */
export function openDatabase(file: string, keyHex: string): Db {
  const db = new Database(file);
  try {
    applyKey(db, keyHex);
    // The key is only tried at the first read: read now, so a wrong key fails here.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (e) {
    db.close();
    throw e;
  }
  // WAL lets readers (exports, queue) run while a writer commits.
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the last commit.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // Checkpoint the WAL every ~40 MB instead of every 4 MB: each checkpoint syncs the disk, and at
  // the default they dominated the cost of audit appends. close() truncates the WAL anyway.
  db.pragma('wal_autocheckpoint = 10000');
  return db;
}

/** A read-only connection (a backup's snapshot, audit:verify) that may run beside the owner's. */
export function openDatabaseReadOnly(file: string, keyHex: string | null): Db {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    if (keyHex !== null) applyKey(db, keyHex);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

/**
 * Re-keys a closed store file (a backup's snapshot, a restored store): from `fromHex` (null:
 * plaintext) to `toHex`, in one transaction, leaving it in rollback-journal mode.
 */
export function rekeyDatabaseFile(file: string, fromHex: string | null, toHex: string): void {
  const db = new Database(file);
  try {
    if (fromHex === null) {
      db.pragma(`cipher = 'sqlcipher'`);
      db.pragma('legacy = 4');
    } else applyKey(db, fromHex);
    db.pragma('journal_mode = DELETE');
    db.pragma(`rekey = "x'${toHex}'"`);
  } finally {
    db.close();
  }
}

/**
 * Encrypts a plaintext store in place. SQLite rewrites every page inside one transaction, so
 * a crash leaves the file plaintext or encrypted, never half of each. Rekeying needs a
 * rollback journal, so the WAL is folded in first.
 */
export function encryptPlaintextDatabase(file: string, keyHex: string): void {
  rekeyDatabaseFile(file, null, keyHex);
}

/** Re-encrypts an open store under another key (a key rotation); the connection stays open. */
export function rekeyDatabase(db: Db, keyHex: string): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  db.pragma(`rekey = "x'${keyHex}'"`);
  db.pragma('journal_mode = WAL');
}
