import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION, MIGRATIONS } from '../../electron/service/db/migrations/index';
import { migrate } from '../../electron/service/db/migrate';
import { dbAtVersion } from '../helpers/migrationDb';

describe('migration registry', () => {
  it('numbers migrations 1..N with one file and one test each', () => {
    MIGRATIONS.forEach((m, i) => expect(m.version).toBe(i + 1));
    const dir = join(import.meta.dirname, '../../electron/service/db/migrations');
    const files = readdirSync(dir).filter((f) => /^\d{4}_.*\.ts$/.test(f));
    expect(files).toHaveLength(LATEST_VERSION);
    const tests = readdirSync(join(import.meta.dirname, 'migrations'));
    for (const f of files) expect(tests).toContain(f.replace(/\.ts$/, '.test.ts'));
  });

  it('refuses a database from a newer version of the app instead of corrupting it', () => {
    const h = dbAtVersion(LATEST_VERSION);
    h.db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    expect(() => migrate(h.db)).toThrow(/newer than this app/);
    h.cleanup();
  });
});
