import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/service/db/migrate';
import { dbAtVersion, isStrict, seedOperator, seedProfileAndCase, T0 } from '../../helpers/migrationDb';

describe('migration 0023 didit_results', () => {
  let h: ReturnType<typeof dbAtVersion>;
  afterEach(() => h.cleanup());

  it('adds one Didit result per existing case, strict, JSON only', () => {
    h = dbAtVersion(22);
    seedOperator(h.db);
    seedProfileAndCase(h.db, 1);
    expect(migrate(h.db, 23)).toBe(23);
    expect(isStrict(h.db, 'didit_results')).toBe(true);
    const insert = h.db.prepare('INSERT INTO didit_results (case_id, session_id, status, remote_at, result, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
    insert.run('c-1', 's-1', 'Approved', T0, '{"idVerifications":[]}', T0);
    // One row per case: a newer result replaces it (the repository upserts), never a second row.
    expect(() => insert.run('c-1', 's-2', 'Declined', T0, '{}', T0)).toThrow(/UNIQUE|PRIMARY KEY/);
    // Only cases that exist, only JSON.
    expect(() => insert.run('c-404', 's-3', 'Approved', T0, '{}', T0)).toThrow(/FOREIGN KEY/);
    seedProfileAndCase(h.db, 2);
    expect(() => insert.run('c-2', 's-4', 'Approved', T0, 'not json', T0)).toThrow(/CHECK/);
    expect(h.db.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 2 });
  });
});
