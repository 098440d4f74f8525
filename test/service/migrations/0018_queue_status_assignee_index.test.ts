import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/service/db/migrate';
import { dbAtVersion, seedOperator, seedProfileAndCase } from '../../helpers/migrationDb';

describe('migration 0018 queue_status_assignee_index', () => {
  let h: ReturnType<typeof dbAtVersion>;
  afterEach(() => h.cleanup());

  it('a status tab with the unassigned filter is read off one index, page and count alike', () => {
    h = dbAtVersion(17);
    seedOperator(h.db);
    seedProfileAndCase(h.db, 1);
    seedProfileAndCase(h.db, 2);
    const where = "WHERE c.status IN ('SUBMITTED') AND c.assignee_id IS NULL";
    const page = `SELECT c.id FROM cases c ${where} ORDER BY c.submitted_at ASC NULLS LAST, c.id ASC LIMIT 100`;
    const count = `SELECT count(*) AS n FROM cases c ${where}`;
    const plan = (sql: string) => (h.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan(count)).not.toContain('cases_status_assignee');
    const before = { rows: h.db.prepare(page).all(), count: h.db.prepare(count).get() };

    expect(migrate(h.db, 18)).toBe(18);
    expect(plan(count)).toContain('COVERING INDEX cases_status_assignee (status=? AND assignee_id=?)');
    expect(plan(page)).toContain('cases_status_assignee');
    expect(plan(page)).not.toContain('TEMP B-TREE');
    // The same answer, from the index.
    expect({ rows: h.db.prepare(page).all(), count: h.db.prepare(count).get() }).toEqual(before);
    const indexes = (h.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cases'").all() as { name: string }[]).map((r) => r.name);
    expect(indexes).not.toContain('cases_assignee');
    expect(indexes).toContain('cases_assignee_submitted');
  });
});
