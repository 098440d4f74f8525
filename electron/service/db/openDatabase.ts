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
  return db;
}
