import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/service/db/migrate';
import { dbAtVersion, isStrict, seedOperator, seedProfileAndCase, T0 } from '../../helpers/migrationDb';

describe('migration 0005 verification_policies', () => {
  let h: ReturnType<typeof dbAtVersion>;
  afterEach(() => h.cleanup());

  it('adds a versioned policy table, keeping v4 data', () => {
    h = dbAtVersion(4);
    seedOperator(h.db);
    seedProfileAndCase(h.db);
    expect(migrate(h.db, 5)).toBe(5);
    expect(isStrict(h.db, 'policies')).toBe(true);
    expect(h.db.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 1 });
    h.db.prepare("INSERT INTO policies VALUES (1, '{\"a\":1}', 'first', ?, 'system')").run(T0);
    expect(() => h.db.prepare("INSERT INTO policies VALUES (1, '{}', 'dup', ?, 'system')").run(T0)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => h.db.prepare("INSERT INTO policies VALUES (2, 'not json', 'x', ?, 'system')").run(T0)).toThrow(/CHECK/);
  });
});
