import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { openDatabase, type Db } from '../../electron/service/db/openDatabase';
import { migrate } from '../../electron/service/db/migrate';
import { makeTempDir } from './tempService';

/** A real SQLite file migrated to `version`, for the migrate-to-N-1, seed, migrate-to-N tests. */
export function dbAtVersion(version: number): { db: Db; cleanup(): void } {
  const dir = makeTempDir('kyc-migration-');
  // Migrations run on an encrypted file, as in the product.
  const db = openDatabase(join(dir, 'kyc.sqlite'), randomBytes(32).toString('hex'));
  migrate(db, version);
  return {
    db,
    cleanup() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function tableNames(db: Db): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map(
    (r) => r.name,
  );
}

export function isStrict(db: Db, table: string): boolean {
  const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) as { sql: string }).sql;
  return /\)\s*STRICT\s*$/i.test(sql);
}

export const T0 = '2026-01-01T00:00:00.000Z';

export function seedOperator(db: Db, id = 'op-1'): void {
  db.prepare(
    "INSERT INTO operators (id, email, display_name, role, password_hash, active, created_at) VALUES (?, ?, 'Op', 'officer', 'scrypt$x', 1, ?)",
  ).run(id, `${id}@t.local`, T0);
}

export function seedProfileAndCase(db: Db, n = 1): void {
  db.prepare(
    `INSERT INTO profiles (id, type, external_id, email, display_name, country_code, document_type, document_number, data, created_at, updated_at)
     VALUES (?, 'PERSON', ?, ?, 'Ana Gómez', 'CO', 'NUIP', '1020304050', '{}', ?, ?)`,
  ).run(`p-${n}`, `ext-${n}`, `ana${n}@example.co`, T0, T0);
  db.prepare("INSERT INTO cases (id, profile_id, status, created_at, updated_at) VALUES (?, ?, 'SUBMITTED', ?, ?)").run(`c-${n}`, `p-${n}`, T0, T0);
}
