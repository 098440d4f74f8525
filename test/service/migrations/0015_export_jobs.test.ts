import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/service/db/migrate';
import { dbAtVersion, isStrict, seedOperator, seedProfileAndCase, T0 } from '../../helpers/migrationDb';

describe('migration 0015 export jobs', () => {
  let h: ReturnType<typeof dbAtVersion>;
  afterEach(() => h.cleanup());

  it('adds the export job queue beside existing cases and jobs, tied to operators', () => {
    h = dbAtVersion(14);
    seedOperator(h.db);
    seedProfileAndCase(h.db, 1);
    h.db.prepare("INSERT INTO jobs (id, type, case_id, payload, status, max_attempts, created_at) VALUES ('j-1', 'analysis.case', 'c-1', '{}', 'queued', 3, ?)").run(T0);
    expect(migrate(h.db, 15)).toBe(15);
    expect(isStrict(h.db, 'export_jobs')).toBe(true);
    // The analysis queue and the case are untouched.
    expect(h.db.prepare('SELECT id, status FROM jobs').all()).toEqual([{ id: 'j-1', status: 'queued' }]);
    expect(h.db.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 1 });

    const insert = h.db.prepare('INSERT INTO export_jobs (id, status, format, filters, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)');
    insert.run('e-1', 'queued', 'zip', '{"from":"2026-01-01","to":"2026-01-31"}', T0, 'op-1');
    expect(() => insert.run('e-2', 'paused', 'zip', '{}', T0, 'op-1')).toThrow(/CHECK/);
    expect(() => insert.run('e-3', 'queued', 'tar', '{}', T0, 'op-1')).toThrow(/CHECK/);
    expect(() => insert.run('e-4', 'queued', 'zip', 'not json', T0, 'op-1')).toThrow(/CHECK/);
    expect(() => insert.run('e-5', 'queued', 'zip', '{}', T0, 'op-404')).toThrow(/FOREIGN KEY/);
    expect(() => h.db.prepare("UPDATE export_jobs SET progress = 1.5 WHERE id = 'e-1'").run()).toThrow(/CHECK/);
    expect(h.db.prepare('SELECT id, done_count, progress, case_count FROM export_jobs').all()).toEqual([{ id: 'e-1', done_count: 0, progress: 0, case_count: null }]);
  });
});
