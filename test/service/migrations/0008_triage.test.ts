import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/service/db/migrate';
import { dbAtVersion, isStrict, seedOperator, seedProfileAndCase, T0 } from '../../helpers/migrationDb';

describe('migration 0008 triage', () => {
  let h: ReturnType<typeof dbAtVersion>;
  afterEach(() => h.cleanup());

  it('adds risk and warnings to existing cases, and saved views per operator', () => {
    h = dbAtVersion(7);
    seedOperator(h.db);
    seedProfileAndCase(h.db);
    expect(migrate(h.db, 8)).toBe(8);
    expect(h.db.prepare('SELECT risk, has_warnings FROM cases').get()).toEqual({ risk: null, has_warnings: 0 });
    expect(() => h.db.prepare("UPDATE cases SET risk = 'EXTREME'").run()).toThrow(/CHECK/);
    expect(isStrict(h.db, 'saved_views')).toBe(true);
    h.db.prepare("INSERT INTO saved_views VALUES ('v1', 'op-1', 'Mine', '{}', ?)").run(T0);
    expect(() => h.db.prepare("INSERT INTO saved_views VALUES ('v2', 'op-1', 'Mine', '{}', ?)").run(T0)).toThrow(/UNIQUE/);
    expect(() => h.db.prepare("INSERT INTO saved_views VALUES ('v3', 'ghost', 'X', '{}', ?)").run(T0)).toThrow(/FOREIGN KEY/);
  });
});
