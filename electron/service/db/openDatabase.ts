import Database from 'better-sqlite3';

export type Db = Database.Database;

/** One connection per service; better-sqlite3 is synchronous, so one is all we need. */
export function openDatabase(file: string): Db {
  const db = new Database(file);
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
