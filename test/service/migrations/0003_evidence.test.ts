import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/service/db/migrate';
import { dbAtVersion, isStrict, seedOperator, seedProfileAndCase, T0 } from '../../helpers/migrationDb';

describe('migration 0003 evidence', () => {
  let h: ReturnType<typeof dbAtVersion>;
  afterEach(() => h.cleanup());

  it('adds the evidence table referencing existing cases, keeping v2 data', () => {
    h = dbAtVersion(2);
    seedOperator(h.db);
    seedProfileAndCase(h.db);
    expect(migrate(h.db, 3)).toBe(3);
    expect(isStrict(h.db, 'evidence')).toBe(true);
    expect(h.db.prepare('SELECT status FROM cases').get()).toEqual({ status: 'SUBMITTED' });
    const sha = 'a'.repeat(64);
    h.db.prepare("INSERT INTO evidence VALUES ('e1', 'c-1', 'SELFIE', ?, 'image/png', 10, 's.png', ?, 'op-1')").run(sha, T0);
    expect(() => h.db.prepare("INSERT INTO evidence VALUES ('e2', 'c-404', 'SELFIE', ?, 'image/png', 10, 's.png', ?, 'op-1')").run(sha, T0)).toThrow(/FOREIGN KEY/);
    expect(() => h.db.prepare("INSERT INTO evidence VALUES ('e3', 'c-1', 'SELFIE', 'short', 'image/png', 10, 's.png', ?, 'op-1')").run(T0)).toThrow(/CHECK/);
    expect(() => h.db.prepare("INSERT INTO evidence VALUES ('e4', 'c-1', 'SELFIE', ?, 'image/png', 0, 's.png', ?, 'op-1')").run(sha, T0)).toThrow(/CHECK/);
  });
});
