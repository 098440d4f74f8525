import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/service/db/migrate';
import { dbAtVersion, seedOperator, seedProfileAndCase } from '../../helpers/migrationDb';

describe('migration 0017 queue_assignee_index', () => {
  let h: ReturnType<typeof dbAtVersion>;
  afterEach(() => h.cleanup());

  it('pages the unassigned queue in submission order off an index, without a sort', () => {
    h = dbAtVersion(16);
    seedOperator(h.db);
    seedProfileAndCase(h.db, 1);
    seedProfileAndCase(h.db, 2);
    const sql = 'SELECT c.id FROM cases c WHERE c.assignee_id IS NULL ORDER BY c.submitted_at ASC NULLS LAST, c.id ASC LIMIT 50';
    const plan = () => (h.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan()).toContain('TEMP B-TREE');
    const before = h.db.prepare(sql).all();
    expect(migrate(h.db, 17)).toBe(17);
    expect(plan()).toContain('cases_assignee_submitted');
    expect(plan()).not.toContain('TEMP B-TREE');
    // Same rows, same order.
    expect(h.db.prepare(sql).all()).toEqual(before);
    expect(before).toHaveLength(2);
  });
});
