import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../electron/service/db/migrate';
import { dbAtVersion, isStrict, seedOperator, tableNames, T0 } from '../../helpers/migrationDb';

describe('migration 0001 operators_and_sessions', () => {
  let h: ReturnType<typeof dbAtVersion>;
  afterEach(() => h.cleanup());

  it('creates STRICT operator, session and settings tables on an empty database', () => {
    h = dbAtVersion(0);
    expect(tableNames(h.db)).toEqual([]);
    expect(migrate(h.db, 1)).toBe(1);
    expect(tableNames(h.db)).toEqual(['operators', 'sessions', 'settings']);
    for (const t of ['operators', 'sessions', 'settings']) expect(isStrict(h.db, t)).toBe(true);
    seedOperator(h.db);
    expect(() => seedOperator(h.db, 'op-1')).toThrow(/UNIQUE/);
    expect(() =>
      h.db.prepare("INSERT INTO operators VALUES ('x', 'x@t', 'X', 'superuser', 'h', 1, ?)").run(T0),
    ).toThrow(/CHECK/);
    expect(() =>
      h.db.prepare("INSERT INTO sessions VALUES ('h', 'nobody', ?, ?, ?, NULL)").run(T0, T0, T0),
    ).toThrow(/FOREIGN KEY/);
  });

  it('is recorded in user_version and is not re-run', () => {
    h = dbAtVersion(1);
    seedOperator(h.db);
    expect(migrate(h.db, 1)).toBe(1);
    expect(schemaVersion(h.db)).toBe(1);
    expect(h.db.prepare('SELECT count(*) AS n FROM operators').get()).toEqual({ n: 1 });
  });
});
