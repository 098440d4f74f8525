import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/service/db/migrate';
import { dbAtVersion, isStrict, seedOperator, seedProfileAndCase, T0 } from '../../helpers/migrationDb';

describe('migration 0014 retention', () => {
  let h: ReturnType<typeof dbAtVersion>;
  afterEach(() => h.cleanup());

  it('adds legal holds, erasure requests and purge tombstones beside existing cases', () => {
    h = dbAtVersion(13);
    seedOperator(h.db);
    seedProfileAndCase(h.db, 1);
    seedProfileAndCase(h.db, 2);
    h.db.prepare("UPDATE cases SET status = 'APPROVED', closed_at = ? WHERE id = 'c-1'").run(T0);
    expect(migrate(h.db, 14)).toBe(14);
    for (const t of ['legal_holds', 'erasure_requests', 'purge_tombstones']) expect(isStrict(h.db, t)).toBe(true);

    // Existing cases are untouched and the closed one is found through the new index.
    const plan = h.db.prepare('EXPLAIN QUERY PLAN SELECT id FROM cases WHERE closed_at IS NOT NULL AND closed_at <= ?').all(T0) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('cases_closed');
    expect(h.db.prepare('SELECT id, closed_at FROM cases ORDER BY id').all()).toEqual([
      { id: 'c-1', closed_at: T0 },
      { id: 'c-2', closed_at: null },
    ]);

    h.db.prepare("INSERT INTO legal_holds VALUES ('c-1', 'litigation 2026/17', 'op-1', ?)").run(T0);
    expect(() => h.db.prepare("INSERT INTO legal_holds VALUES ('c-404', 'x', 'op-1', ?)").run(T0)).toThrow(/FOREIGN KEY/);
    expect(() => h.db.prepare("INSERT INTO legal_holds VALUES ('c-2', '', 'op-1', ?)").run(T0)).toThrow(/CHECK/);

    // A refusal must carry its code; a pending request must not.
    h.db.prepare("INSERT INTO erasure_requests (id, case_id, reason, received_at, recorded_by, recorded_at, status) VALUES ('e1', 'c-2', 'letter', ?, 'op-1', ?, 'PENDING')").run(T0, T0);
    expect(() => h.db.prepare("UPDATE erasure_requests SET status = 'REFUSED' WHERE id = 'e1'").run()).toThrow(/CHECK/);
    h.db.prepare("UPDATE erasure_requests SET status = 'REFUSED', refusal_code = 'RETENTION.0003' WHERE id = 'e1'").run();

    // A tombstone points at a real audit event.
    const tomb = "INSERT INTO purge_tombstones (case_id, profile_id, basis, purged_at, counts, removed_digest, audit_seq) VALUES ('c-9', 'p-9', 'RETENTION', ?, '{}', ?, ?)";
    expect(() => h.db.prepare(tomb).run(T0, 'a'.repeat(64), 1)).toThrow(/FOREIGN KEY/);
    h.db.prepare("INSERT INTO audit_events VALUES (1, ?, NULL, 'system', 'retention.purged', 'c-9', 'p-9', ?, ?, ?)").run(T0, 'b'.repeat(64), '0'.repeat(64), 'c'.repeat(64));
    h.db.prepare(tomb).run(T0, 'a'.repeat(64), 1);
    expect(() => h.db.prepare(tomb.replace("'c-9'", "'c-8'")).run(T0, 'short', 1)).toThrow(/CHECK|UNIQUE/);
  });
});
