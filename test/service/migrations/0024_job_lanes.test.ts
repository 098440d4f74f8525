import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/service/db/migrate';
import { dbAtVersion, T0 } from '../../helpers/migrationDb';

describe('migration 0024 job_lanes', () => {
  let h: ReturnType<typeof dbAtVersion>;
  afterEach(() => h.cleanup());

  it('puts existing jobs in the interactive lane and allows only the two lanes', () => {
    h = dbAtVersion(23);
    h.db.prepare("INSERT INTO jobs (id, type, payload, status, max_attempts, created_at) VALUES ('j-1', 'analysis.case', '{}', 'queued', 3, ?)").run(T0);
    expect(migrate(h.db, 24)).toBe(24);
    expect(h.db.prepare("SELECT lane FROM jobs WHERE id = 'j-1'").get()).toEqual({ lane: 'interactive' });
    expect(() => h.db.prepare("UPDATE jobs SET lane = 'urgent' WHERE id = 'j-1'").run()).toThrow(/CHECK/);
    const plan = (h.db.prepare("EXPLAIN QUERY PLAN SELECT id FROM jobs WHERE status = 'queued' AND lane IN ('interactive') ORDER BY created_at LIMIT 1").all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan).toContain('jobs_queued_lane');
  });
});
