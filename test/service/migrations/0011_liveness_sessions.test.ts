import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/service/db/migrate';
import { dbAtVersion, isStrict, seedOperator, seedProfileAndCase, T0 } from '../../helpers/migrationDb';

describe('migration 0011 liveness_sessions', () => {
  let h: ReturnType<typeof dbAtVersion>;
  afterEach(() => h.cleanup());

  it('adds liveness sessions tied to existing cases and operators', () => {
    h = dbAtVersion(10);
    seedOperator(h.db);
    seedProfileAndCase(h.db);
    expect(migrate(h.db, 11)).toBe(11);
    expect(isStrict(h.db, 'liveness_sessions')).toBe(true);
    h.db.prepare(`INSERT INTO liveness_sessions VALUES ('s1', 'c-1', '["blink","smile","nod"]', 'PENDING', NULL, ?, ?, NULL, 'op-1')`).run(T0, T0);
    expect(() => h.db.prepare("UPDATE liveness_sessions SET status = 'EXPIRED'").run()).toThrow(/CHECK/);
    expect(() => h.db.prepare(`INSERT INTO liveness_sessions VALUES ('s2', 'c-404', '[]', 'PENDING', NULL, ?, ?, NULL, 'op-1')`).run(T0, T0)).toThrow(/FOREIGN KEY/);
    expect(h.db.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 1 });
  });
});
