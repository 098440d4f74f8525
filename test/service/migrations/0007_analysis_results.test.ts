import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/service/db/migrate';
import { dbAtVersion, isStrict, seedOperator, seedProfileAndCase, T0 } from '../../helpers/migrationDb';

describe('migration 0007 analysis_results', () => {
  let h: ReturnType<typeof dbAtVersion>;
  afterEach(() => h.cleanup());

  it('adds results tied to a policy version, and a recommendation column on existing cases', () => {
    h = dbAtVersion(6);
    seedOperator(h.db);
    seedProfileAndCase(h.db);
    h.db.prepare("INSERT INTO policies VALUES (1, '{}', 'p', ?, 'system')").run(T0);
    expect(migrate(h.db, 7)).toBe(7);
    expect(isStrict(h.db, 'analysis_results')).toBe(true);
    // Existing cases keep their data and have no recommendation yet.
    expect(h.db.prepare('SELECT status, recommendation FROM cases').get()).toEqual({ status: 'SUBMITTED', recommendation: null });
    h.db.prepare("INSERT INTO analysis_results VALUES ('r1', 'c-1', NULL, 1, 'MANUAL_REVIEW', '{}', ?)").run(T0);
    expect(() => h.db.prepare("INSERT INTO analysis_results VALUES ('r2', 'c-1', NULL, 9, 'MANUAL_REVIEW', '{}', ?)").run(T0)).toThrow(/FOREIGN KEY/);
    expect(() => h.db.prepare("INSERT INTO analysis_results VALUES ('r3', 'c-1', NULL, 1, 'MAYBE', '{}', ?)").run(T0)).toThrow(/CHECK/);
    expect(() => h.db.prepare("UPDATE cases SET recommendation = 'YES'").run()).toThrow(/CHECK/);
  });
});
