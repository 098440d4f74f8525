import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/service/db/migrate';
import { dbAtVersion, isStrict, seedOperator, seedProfileAndCase, tableNames, T0 } from '../../helpers/migrationDb';

describe('migration 0002 profiles_and_cases', () => {
  let h: ReturnType<typeof dbAtVersion>;
  afterEach(() => h.cleanup());

  it('adds profiles, owners, cases and decisions, keeping the operators seeded at v1', () => {
    h = dbAtVersion(1);
    seedOperator(h.db);
    expect(migrate(h.db, 2)).toBe(2);
    expect(tableNames(h.db)).toEqual(['cases', 'company_owners', 'decisions', 'operators', 'profiles', 'sessions', 'settings']);
    expect(h.db.prepare('SELECT id FROM operators').all()).toEqual([{ id: 'op-1' }]);
    for (const t of ['cases', 'company_owners', 'decisions', 'profiles']) expect(isStrict(h.db, t)).toBe(true);

    seedProfileAndCase(h.db);
    // One application per profile.
    expect(() => h.db.prepare("INSERT INTO cases (id, profile_id, status, created_at, updated_at) VALUES ('c-2', 'p-1', 'SUBMITTED', ?, ?)").run(T0, T0)).toThrow(/UNIQUE/);
    // Status must be canonical.
    expect(() => h.db.prepare("UPDATE cases SET status = 'PENDING' WHERE id = 'c-1'").run()).toThrow(/CHECK/);
    // A decision must name a real operator.
    expect(() =>
      h.db
        .prepare("INSERT INTO decisions VALUES ('d', 'c-1', 'ghost', 'approve', 'IN_REVIEW', 'APPROVED', NULL, NULL, '', '', '[]', ?)")
        .run(T0),
    ).toThrow(/FOREIGN KEY/);
  });

  it('indexes the queue so a status page is read in age order without sorting', () => {
    h = dbAtVersion(2);
    const plan = h.db
      .prepare("EXPLAIN QUERY PLAN SELECT id FROM cases WHERE status = 'SUBMITTED' ORDER BY submitted_at LIMIT 50")
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING (COVERING )?INDEX cases_status_submitted/);
    expect(plan.map((p) => p.detail).join(' ')).not.toMatch(/TEMP B-TREE/);
  });

  it('lets one email belong to one person only', () => {
    h = dbAtVersion(2);
    seedProfileAndCase(h.db, 1);
    expect(() =>
      h.db
        .prepare(
          `INSERT INTO profiles (id, type, external_id, email, display_name, country_code, document_type, document_number, data, created_at, updated_at)
           VALUES ('p-9', 'PERSON', 'ext-9', 'ana1@example.co', 'Other', 'CO', 'NUIP', '1', '{}', ?, ?)`,
        )
        .run(T0, T0),
    ).toThrow(/UNIQUE/);
  });
});
