import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/service/db/migrate';
import { dbAtVersion, isStrict, seedOperator, seedProfileAndCase, T0 } from '../../helpers/migrationDb';

describe('migration 0006 analysis_jobs', () => {
  let h: ReturnType<typeof dbAtVersion>;
  afterEach(() => h.cleanup());

  it('adds the persistent job queue referencing cases', () => {
    h = dbAtVersion(5);
    seedOperator(h.db);
    seedProfileAndCase(h.db);
    expect(migrate(h.db, 6)).toBe(6);
    expect(isStrict(h.db, 'jobs')).toBe(true);
    h.db.prepare("INSERT INTO jobs (id, type, case_id, payload, status, max_attempts, created_at) VALUES ('j1', 'analysis.case', 'c-1', '{}', 'queued', 3, ?)").run(T0);
    expect(h.db.prepare('SELECT attempts, progress, timings FROM jobs').get()).toEqual({ attempts: 0, progress: 0, timings: '{}' });
    expect(() => h.db.prepare("UPDATE jobs SET status = 'paused'").run()).toThrow(/CHECK/);
    expect(() => h.db.prepare('UPDATE jobs SET progress = 1.5').run()).toThrow(/CHECK/);
    expect(() =>
      h.db.prepare("INSERT INTO jobs (id, type, case_id, payload, status, max_attempts, created_at) VALUES ('j2', 't', 'c-404', '{}', 'queued', 3, ?)").run(T0),
    ).toThrow(/FOREIGN KEY/);
  });
});
